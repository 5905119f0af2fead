import type { Condition } from '@dvp/api';
import { formatDateTime } from '../../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { sortObjectDiagnostics } from './diagnostics.ts';
import '../../vms/detail/vm-detail.css';

/** A disk's or snapshot's conditions as sentences (what each means, what to do), problems first. */
export function Conditions({
  conditions,
  headingId,
}: {
  conditions: readonly Condition[];
  headingId: string;
}) {
  const { t, locale } = useI18n();
  return (
    <section className="vm-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('disks.conditions')}</h2>
      {conditions.length === 0 ? (
        <p className="vm-muted">{t('disks.noConditions')}</p>
      ) : (
        <ul className="vm-diagnostics">
          {sortObjectDiagnostics(conditions).map(({ condition: c, diagnostic: d }) => (
            <li key={c.type} className={`vm-diagnostic vm-diagnostic-${d.tone}`}>
              <div className="vm-diagnostic-head">
                <Badge tone={d.tone}>{c.type}</Badge>
                <p className="vm-diagnostic-sentence">
                  {t(`disks.cond.${d.sentence}` as MessageKey, {
                    type: c.type,
                    status: c.status,
                    reason: c.reason,
                  })}
                </p>
              </div>
              {c.message || c.reason ? (
                <p className="vm-diagnostic-detail">
                  {t('disks.condCluster', { reason: c.reason ?? '—' })}
                  {c.message ? ` — ${c.message}` : ''}
                  {c.lastTransitionTime
                    ? ` (${t('disks.condSince', { time: formatDateTime(locale, c.lastTransitionTime) })})`
                    : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
