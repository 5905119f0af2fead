import type { Condition } from '@dvp/api';
import { formatDateTime } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { sortImageConditions } from './conditions.ts';

/** The image's conditions as sentences (what each means, what to do), problems first. */
export function ImageDiagnostics({ conditions }: { conditions: Condition[] }) {
  const { t, locale } = useI18n();
  return (
    <section className="img-section" aria-labelledby="img-conditions">
      <h2 id="img-conditions">{t('images.d.conditions')}</h2>
      {conditions.length === 0 ? (
        <p className="img-muted">{t('images.d.noConditions')}</p>
      ) : (
        <ul className="img-diagnostics">
          {sortImageConditions(conditions).map(({ condition: c, diagnostic: d }) => (
            <li key={c.type} className={`img-diagnostic img-diagnostic-${d.tone}`}>
              <Badge tone={d.tone}>{c.type}</Badge>
              <p>
                {t(d.key, { type: c.type, status: c.status, reason: c.reason })}
                {d.detail && (c.message || c.reason) ? (
                  <span className="img-diagnostic-detail">
                    {' '}
                    {t('images.d.cluster', { reason: c.reason })}
                    {c.message ? ` — ${c.message}` : ''}
                    {c.lastTransitionTime
                      ? ` (${t('images.d.since', { time: formatDateTime(locale, c.lastTransitionTime) })})`
                      : ''}
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
