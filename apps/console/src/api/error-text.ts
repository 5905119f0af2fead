import type { MessageKey, Translate } from '../i18n/i18n.tsx';
import { toApiError, type ApiError, type StatusCause } from './errors.ts';

const REASONS = new Set([
  'Forbidden',
  'Unauthorized',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Invalid',
  'BadRequest',
  'TooManyRequests',
  'Timeout',
  'ServerTimeout',
  'ServiceUnavailable',
  'InternalError',
]);

/** A failed call in the user's words: the reason mapped, the cluster's message kept. */
export function errorText(t: Translate, e: unknown): string {
  const err = toApiError(e);
  if (err.code === 0) return t('error.Network');
  const reason = REASONS.has(err.reason) ? err.reason : 'Other';
  const text = t(`error.${reason}` as MessageKey, { message: err.message });
  return err.code >= 500 && err.requestId
    ? `${text} ${t('error.requestId', { id: err.requestId })}`
    : text;
}

/**
 * Splits an Invalid Status's causes into field errors (by `causeFieldMap`: a cause field or a
 * prefix of it → form field name) and the rest, for the form-level banner.
 */
export function splitCauses(
  err: ApiError,
  causeFieldMap: Record<string, string>,
): { fields: { name: string; message: string }[]; rest: StatusCause[] } {
  const fields: { name: string; message: string }[] = [];
  const rest: StatusCause[] = [];
  const keys = Object.keys(causeFieldMap).sort((a, b) => b.length - a.length);
  for (const c of err.causes) {
    const field = c.field ?? '';
    const key = keys.find(
      (k) => field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`),
    );
    const name = key ? causeFieldMap[key] : undefined;
    if (name) fields.push({ name, message: c.message ?? c.reason ?? '' });
    else rest.push(c);
  }
  return { fields, rest };
}
