import { quantityToBytes, tryParseQuantity } from '@dvp/api';
import type { Locale } from './messages/index.ts';
import { translate } from './i18n.tsx';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes in binary units with the locale's number format (`1.5 GiB`, `1,5 ГиБ`). */
export function formatBytes(locale: Locale, bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  const value = new Intl.NumberFormat(locale, {
    maximumFractionDigits: v < 10 && i > 0 ? 1 : 0,
  }).format(v);
  return translate(locale, `size.${UNITS[i] ?? 'B'}`, { value });
}

/** A Kubernetes quantity (`1Gi`, `512Mi`) shown localized; unparsable text as is. */
export function formatQuantity(locale: Locale, q: string | null | undefined): string {
  if (!q) return '—';
  const parsed = tryParseQuantity(q);
  return parsed ? formatBytes(locale, Number(quantityToBytes(parsed))) : q;
}

/** kubectl-style age (`5m`, `3h`, `12d`), localized. */
export function formatAge(
  locale: Locale,
  iso: string | null | undefined,
  now = Date.now(),
): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return translate(locale, 'age.s', { n: s });
  if (s < 2 * 3600) return translate(locale, 'age.m', { n: Math.floor(s / 60) });
  if (s < 2 * 86400) return translate(locale, 'age.h', { n: Math.floor(s / 3600) });
  return translate(locale, 'age.d', { n: Math.floor(s / 86400) });
}

/** A date and time in the locale's format. */
export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}
