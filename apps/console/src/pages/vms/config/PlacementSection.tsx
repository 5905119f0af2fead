import { useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { LabelRows } from './LabelRows.tsx';
import { TOPOLOGY_HOST, TOPOLOGY_ZONE, type ConfigValues } from './values.ts';

function TopologyChoice({
  name,
  legend,
}: {
  name: 'near.topology' | 'similar.topology';
  legend: string;
}) {
  const t = useT();
  const { register } = useFormContext<ConfigValues>();
  return (
    <fieldset className="config-radios">
      <legend>{legend}</legend>
      <label>
        <input type="radio" value={TOPOLOGY_HOST} {...register(name)} />{' '}
        {t('vm-config.onOneServer')}
      </label>
      <label>
        <input type="radio" value={TOPOLOGY_ZONE} {...register(name)} /> {t('vm-config.inOneZone')}
      </label>
    </fieldset>
  );
}

/**
 * "Placement" (seed 000): "Run on nodes" → "Select nodes by labels" (`spec.nodeSelector`),
 * "Run VM near other VMs" (`virtualMachineAndPodAffinity`) and "Identify similar VMs by
 * labels" (`virtualMachineAndPodAntiAffinity`), each VM rule with its topology.
 */
export function PlacementSection() {
  const t = useT();
  return (
    <section className="config-section" aria-labelledby="cfg-placement">
      <h2 id="cfg-placement">{t('vm-config.section.placement')}</h2>
      <h3>{t('vm-config.runOnNodes')}</h3>
      <LabelRows name="nodeSelector" legend={t('vm-config.nodesByLabels')} />
      <h3>{t('vm-config.nearVms')}</h3>
      <LabelRows name="near.rows" legend={t('vm-config.nearVmsLabels')} />
      <TopologyChoice name="near.topology" legend={t('vm-config.nearVmsWhere')} />
      <h3>{t('vm-config.similarVms')}</h3>
      <LabelRows name="similar.rows" legend={t('vm-config.selectLabels')} />
      <TopologyChoice name="similar.topology" legend={t('vm-config.selectOptions')} />
    </section>
  );
}
