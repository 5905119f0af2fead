import type { Condition, PendingChange, VmDetail } from '@dvp/api';
import { useI18n, type MessageKey } from '../../../i18n/i18n.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { Badge } from '../../../ui/Badge.tsx';
import { sortDiagnostics } from './diagnostics.ts';

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function PendingChanges({ changes }: { changes: PendingChange[] }) {
  const { t } = useI18n();
  if (!changes.length) return null;
  return (
    <div className="vm-pending">
      <h4>{t('vm-detail.ov.pendingChanges')}</h4>
      <ul>
        {changes.map((c, i) => (
          <li key={`${c.path ?? ''}-${i}`}>
            <code>{c.path ?? '—'}</code>: <code>{show(c.currentValue)}</code> →{' '}
            <code>{show(c.desiredValue)}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The VM's conditions as sentences: what each means and what to do, problems first. */
export function Diagnostics({ detail }: { detail: VmDetail }) {
  const { t, locale } = useI18n();
  const conditions: Condition[] = detail.conditions.length
    ? detail.conditions
    : (detail.vm.status?.conditions ?? []);
  const values = {
    className: detail.vm.spec.virtualMachineClassName,
  };
  return (
    <section className="vm-section" aria-labelledby="vm-ov-conditions">
      <h2 id="vm-ov-conditions">{t('vm-detail.ov.conditions')}</h2>
      {conditions.length === 0 ? (
        <p className="vm-muted">{t('vm-detail.ov.noConditions')}</p>
      ) : (
        <ul className="vm-diagnostics">
          {sortDiagnostics(conditions).map(({ condition: c, diagnostic: d }) => (
            <li key={c.type} className={`vm-diagnostic vm-diagnostic-${d.tone}`}>
              <div className="vm-diagnostic-head">
                <Badge tone={d.tone}>{c.type}</Badge>
                <p className="vm-diagnostic-sentence">
                  {t(`vm-detail.cond.${d.sentence}` as MessageKey, {
                    ...values,
                    type: c.type,
                    status: c.status,
                    reason: c.reason,
                  })}
                </p>
              </div>
              {c.type === 'AwaitingRestartToApplyConfiguration' && c.status === 'True' ? (
                <PendingChanges changes={detail.pendingChanges} />
              ) : null}
              {d.problem || c.message ? (
                <p className="vm-diagnostic-detail">
                  {t('vm-detail.ov.cluster', { reason: c.reason })}
                  {c.message ? ` — ${c.message}` : ''}
                  {c.lastTransitionTime
                    ? ` (${t('vm-detail.ov.since', { time: formatDateTime(locale, c.lastTransitionTime) })})`
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
