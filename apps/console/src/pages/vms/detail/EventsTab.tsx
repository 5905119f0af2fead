import type { VmDetail } from '@dvp/api';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { formatAge, formatDateTime } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { eventCount, eventTime, operationAuthor, sortEvents, sortOperations } from './events.ts';
import { Section } from './parts.tsx';

function When({ iso }: { iso: string | undefined }) {
  const { t, locale } = useI18n();
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={formatDateTime(locale, iso)}>
      {t('vm-detail.ev.ago', { age: formatAge(locale, iso) })}
    </time>
  );
}

/** Who asked for an operation, or "—" explained (it was created outside the console). */
function Who({ user }: { user: string | undefined }) {
  const { t } = useI18n();
  if (user) return <>{user}</>;
  const why = t('vm-detail.ev.whoNotRecorded');
  return (
    <span title={why}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{why}</span>
    </span>
  );
}

/** The VM's operations and Kubernetes events, newest first. */
export function EventsTab({ detail }: { detail: VmDetail }) {
  const { t } = useI18n();
  const ops = sortOperations(detail.operations);
  const events = sortEvents(detail.events);
  const opsHidden = detail.forbidden.includes('virtualmachineoperations');
  const eventsHidden = detail.forbidden.includes('events');
  return (
    <div className="vm-events">
      <Section id="vm-ev-operations" title={t('vm-detail.ev.operations')}>
        {opsHidden ? (
          <p className="vm-muted">{t('vm-detail.notAvailable')}</p>
        ) : ops.length === 0 ? (
          <p className="vm-muted">{t('vm-detail.ev.noOperations')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('vm-detail.ev.type')}</th>
                <th scope="col">{t('common.phase')}</th>
                <th scope="col">{t('vm-detail.ev.progress')}</th>
                <th scope="col">{t('vm-detail.ev.who')}</th>
                <th scope="col">{t('vm-detail.ev.when')}</th>
              </tr>
            </thead>
            <tbody>
              {ops.map((op) => (
                <tr key={op.metadata.uid ?? op.metadata.name}>
                  <td>{op.metadata.name}</td>
                  <td>{op.spec.type}</td>
                  <td>
                    <PhaseBadge phase={op.status?.phase ?? 'Pending'} />
                  </td>
                  <td>{op.status?.progress ?? '—'}</td>
                  <td>
                    <Who user={operationAuthor(op)} />
                  </td>
                  <td>
                    <When iso={op.metadata.creationTimestamp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section id="vm-ev-events" title={t('vm-detail.ev.events')}>
        {eventsHidden ? (
          <p className="vm-muted">{t('vm-detail.notAvailable')}</p>
        ) : events.length === 0 ? (
          <p className="vm-muted">{t('vm-detail.ev.noEvents')}</p>
        ) : (
          <table className="table vm-events-table">
            <thead>
              <tr>
                <th scope="col">{t('vm-detail.ev.type')}</th>
                <th scope="col">{t('vm-detail.ev.reason')}</th>
                <th scope="col">{t('vm-detail.ev.message')}</th>
                <th scope="col">{t('vm-detail.ev.count')}</th>
                <th scope="col">{t('vm-detail.ev.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.metadata.uid ?? e.metadata.name}>
                  <td>
                    <Badge tone={e.type === 'Warning' ? 'warning' : 'neutral'}>
                      {e.type ?? 'Normal'}
                    </Badge>
                  </td>
                  <td>{e.reason ?? '—'}</td>
                  <td className="vm-wrap">{e.message ?? ''}</td>
                  <td>{eventCount(e)}</td>
                  <td>
                    <When iso={eventTime(e)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
