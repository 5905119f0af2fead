import type { SizingPolicy } from '@dvp/api';
import {
  previewSizingPolicy,
  type MemoryRange,
  type NumberRun,
} from '@dvp/api/rules/sizing-policy-preview';
import { formatBytes } from '../../i18n/format.ts';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/messages/index.ts';

function runs(t: Translate, list: NumberRun[]): string {
  if (list.length === 0) return t('classes.preview.coresNone');
  return list
    .map((r) =>
      r.from === r.to
        ? String(r.from)
        : r.step === 1
          ? t('classes.preview.run', { from: r.from, to: r.to })
          : t('classes.preview.runStep', { from: r.from, to: r.to, step: r.step }),
    )
    .join(', ');
}

function memory(t: Translate, locale: Locale, m: MemoryRange): string {
  const b = (v: bigint) => formatBytes(locale, Number(v));
  if (m.min !== undefined && m.max !== undefined) {
    return m.step !== undefined && m.sizes !== undefined
      ? t('classes.preview.rangeStep', {
          min: b(m.min),
          max: b(m.max),
          step: b(m.step),
          sizes: m.sizes,
        })
      : t('classes.preview.range', { min: b(m.min), max: b(m.max) });
  }
  if (m.min !== undefined) return t('classes.preview.from', { min: b(m.min) });
  return m.max !== undefined ? t('classes.preview.upTo', { max: b(m.max) }) : '';
}

/**
 * A sizing policy in words: the core counts it allows (step grid and CPU topology applied),
 * the core shares, and the memory range with how many sizes its step gives.
 */
export function PolicyPreview({ policy, label }: { policy: SizingPolicy; label?: string }) {
  const { t, locale } = useI18n();
  const p = previewSizingPolicy(policy);
  const fractions = p.coreFractions.length
    ? p.coreFractions.map((f) => `${f}%`).join(', ')
    : t('classes.preview.anyFraction');
  const total = p.memory.find((m) => !m.perCore);
  const perCore = p.memory.find((m) => m.perCore);
  return (
    <dl className="cls-preview" aria-label={label}>
      <div>
        <dt>{t('classes.preview.cores')}</dt>
        <dd>{runs(t, p.cores)}</dd>
      </div>
      <div>
        <dt>{t('classes.preview.fractions')}</dt>
        <dd>
          {p.defaultCoreFraction
            ? t('classes.preview.defaultFraction', {
                list: fractions,
                value: p.defaultCoreFraction,
              })
            : fractions}
        </dd>
      </div>
      {total || !perCore ? (
        <div>
          <dt>{t('classes.preview.memory')}</dt>
          <dd>{total ? memory(t, locale, total) : t('classes.preview.anyMemory')}</dd>
        </div>
      ) : null}
      {perCore ? (
        <div>
          <dt>{t('classes.preview.memoryPerCore')}</dt>
          <dd>{memory(t, locale, perCore)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
