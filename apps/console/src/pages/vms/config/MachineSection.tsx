import { isValidCoreCount, tryParseQuantity, type SizingViolation } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import { SIZING_FIELD } from './useSizing.ts';
import { type ConfigValues, nameOf } from './values.ts';

/** "Machine Parameters": VM class, cores, CPU share and memory, checked against the class. */
export function MachineSection({
  violations,
  allowedCoreFractions,
}: {
  violations: SizingViolation[];
  allowedCoreFractions: number[] | undefined;
}) {
  const t = useT();
  const { register, formState, getValues } = useFormContext<ConfigValues>();
  const classes = useQuery(q(api.clusterResourceList, { resource: 'virtualmachineclasses' }, {}));
  const current = getValues('className');
  const names = new Set([current, ...(classes.data?.items.map((c) => nameOf(c)) ?? [])]);
  const live = (f: 'cores' | 'coreFraction' | 'memory') =>
    violations.find((v) => SIZING_FIELD[v.field] === f)?.message ?? formState.errors[f]?.message;
  return (
    <section className="config-section" aria-labelledby="cfg-machine">
      <h2 id="cfg-machine">{t('vm-config.section.machine')}</h2>
      <div className="config-grid">
        <SelectInput
          label={t('vm-config.class')}
          options={[...names].map((n) => ({ value: n, label: n }))}
          error={formState.errors.className?.message}
          {...register('className', { required: t('vm-config.required') })}
        />
        <TextInput
          label={t('vm-config.cores')}
          type="number"
          min={1}
          inputMode="numeric"
          error={live('cores')}
          {...register('cores', {
            valueAsNumber: true,
            validate: (n) =>
              (Number.isInteger(n) && isValidCoreCount(n)) || t('vm-config.coresInvalid'),
          })}
        />
        <TextInput
          label={t('vm-config.coreFraction')}
          hint={
            allowedCoreFractions
              ? t('vm-config.coreFractionAllowed', {
                  values: allowedCoreFractions.map((n) => `${n}%`).join(', '),
                })
              : t('vm-config.coreFractionHint')
          }
          error={live('coreFraction')}
          {...register('coreFraction', {
            pattern: {
              value: /^(|Auto|(100|[1-9][0-9]?)%)$/,
              message: t('vm-config.coreFractionInvalid'),
            },
          })}
        />
        <TextInput
          label={t('vm-config.memory')}
          error={live('memory')}
          {...register('memory', {
            validate: (s) =>
              tryParseQuantity(s.trim()) !== undefined || t('vm-config.quantityInvalid'),
          })}
        />
      </div>
    </section>
  );
}
