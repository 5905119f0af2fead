import type { KubeObject } from '@dvp/api';
import { formatDateTime, formatQuantity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { classSpec, classStatus, isDefaultClass } from './class-facts.ts';
import { ClassUsage } from './ClassUsage.tsx';
import { useClassVms } from './data.ts';
import { valuesOf, type ExpressionValues } from './form/model.ts';
import { PolicyPreview } from './PolicyPreview.tsx';
import { expressionText } from './selector-text.ts';

function Expressions({ rows, empty }: { rows: ExpressionValues[]; empty: string }) {
  if (rows.length === 0) return <p className="cls-muted">{empty}</p>;
  return (
    <ul className="cls-expressions">
      {rows.map((r, i) => (
        <li key={i}>
          <code>{expressionText(r)}</code>
        </li>
      ))}
    </ul>
  );
}

function conditionTone(type: string, status: string): Tone {
  if (type === 'InUse') return 'info';
  return status === 'True' ? 'success' : status === 'False' ? 'danger' : 'warning';
}

/** The class page's Overview: CPU, placement, sizing rules in words, conditions, its VMs. */
export function ClassOverview({ cls }: { cls: KubeObject }) {
  const { t, locale } = useI18n();
  const name = cls.metadata.name ?? '';
  const spec = classSpec(cls);
  const status = classStatus(cls);
  const values = valuesOf(cls);
  const vms = useClassVms(name);
  const policies = spec.sizingPolicies ?? [];
  const max = status.maxAllocatableResources;
  return (
    <div className="cls-overview">
      <section className="cls-section" aria-labelledby="cls-cpu">
        <h2 id="cls-cpu">{t('classes.cpu.heading')}</h2>
        <dl className="cls-dl">
          <div>
            <dt>{t('classes.cpu.type')}</dt>
            <dd>
              {values.cpuType} — {t(`classes.cpu.about.${values.cpuType}`)}
            </dd>
          </div>
          {values.cpuType === 'Model' ? (
            <div>
              <dt>{t('classes.cpu.model')}</dt>
              <dd>{values.model}</dd>
            </div>
          ) : null}
          {values.cpuType === 'Features' ? (
            <div>
              <dt>{t('classes.cpu.features')}</dt>
              <dd>{values.features.join(', ')}</dd>
            </div>
          ) : null}
          {values.cpuType === 'Discovery' ? (
            <div>
              <dt>{t('classes.cpu.discovery')}</dt>
              <dd>
                <Expressions rows={values.discovery} empty={t('classes.anyNode')} />
              </dd>
            </div>
          ) : null}
          {status.cpuFeatures?.enabled?.length ? (
            <div>
              <dt>{t('classes.cpuFeatures.enabled')}</dt>
              <dd>{status.cpuFeatures.enabled.join(', ')}</dd>
            </div>
          ) : null}
          {status.cpuFeatures?.notEnabledCommon?.length ? (
            <div>
              <dt>{t('classes.cpuFeatures.notEnabledCommon')}</dt>
              <dd>{status.cpuFeatures.notEnabledCommon.join(', ')}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('classes.availableNodes')}</dt>
            <dd>
              {status.availableNodes
                ? status.availableNodes.join(', ') || '—'
                : t('classes.availableNodes.all')}
            </dd>
          </div>
          {max && Object.keys(max).length ? (
            <div>
              <dt>{t('classes.maxAllocatable')}</dt>
              <dd>
                {Object.entries(max)
                  .map(([k, v]) => `${k}: ${k === 'memory' ? formatQuantity(locale, v) : v}`)
                  .join(', ')}
              </dd>
            </div>
          ) : null}
          {isDefaultClass(cls) ? (
            <div>
              <dt>{t('classes.defaultClass')}</dt>
              <dd>{t('common.yes')}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="cls-section" aria-labelledby="cls-placement">
        <h2 id="cls-placement">{t('classes.placement.heading')}</h2>
        <Expressions rows={values.nodeSelector} empty={t('classes.anyNode')} />
      </section>

      <section className="cls-section" aria-labelledby="cls-policies">
        <h2 id="cls-policies">{t('classes.policies.heading')}</h2>
        {policies.length === 0 ? (
          <p className="cls-muted">{t('classes.noPolicies')}</p>
        ) : (
          <ol className="cls-policy-list">
            {policies.map((p, i) => (
              <li key={i}>
                <h3>{t('classes.policy.title', { n: i + 1 })}</h3>
                <PolicyPreview policy={p} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="cls-section" aria-labelledby="cls-conditions">
        <h2 id="cls-conditions">{t('classes.conditions')}</h2>
        {status.conditions?.length ? (
          <ul className="cls-conditions">
            {status.conditions.map((c) => (
              <li key={c.type}>
                <Badge tone={conditionTone(c.type, c.status)}>
                  {c.type}: {c.status}
                </Badge>{' '}
                {c.reason ? <code>{c.reason}</code> : null}
                {c.message ? ` — ${c.message}` : ''}
                {c.lastTransitionTime ? (
                  <span className="cls-muted">
                    {' '}
                    (
                    {t('classes.condition.since', {
                      time: formatDateTime(locale, c.lastTransitionTime),
                    })}
                    )
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="cls-muted">{t('classes.noConditions')}</p>
        )}
      </section>

      <ClassUsage className={name} policies={policies} data={vms} />
    </div>
  );
}
