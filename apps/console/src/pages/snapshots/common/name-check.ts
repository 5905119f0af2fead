import { validateObjectName } from '@dvp/api';
import type { Translate } from '../../../i18n/i18n.tsx';

/** The problem of an object name the user typed (required, DNS-1123), translated. */
export function nameProblem(t: Translate, kind: string, name: string): string | undefined {
  const n = name.trim();
  if (!n) return t('snapshots.err.required');
  const msg = validateObjectName(kind, n)[0];
  return msg ? t('snapshots.err.name', { message: msg }) : undefined;
}
