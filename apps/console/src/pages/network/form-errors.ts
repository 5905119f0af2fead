import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { splitCauses } from '../../api/error-text.ts';
import { toApiError, type StatusCause } from '../../api/errors.ts';
import type { Translate } from '../../i18n/i18n.tsx';

export interface Failure {
  error: unknown;
  rest: StatusCause[];
}

/**
 * A create's failure shown once: AlreadyExists and the causes `causeFieldMap` knows under their
 * fields (focusing the first), the rest in the form's banner (returned; undefined when none).
 */
export function showServerError<T extends FieldValues>(
  t: Translate,
  e: unknown,
  causeFieldMap: Record<string, string>,
  setError: UseFormSetError<T>,
): Failure | undefined {
  const error = toApiError(e);
  if (error.reason === 'AlreadyExists') {
    setError(
      'name' as Path<T>,
      {
        type: 'server',
        message: t('network.err.exists', { name: error.status.details?.name ?? '' }),
      },
      { shouldFocus: true },
    );
    return undefined;
  }
  const { fields, rest } = splitCauses(error, causeFieldMap);
  fields.forEach((f, i) =>
    setError(f.name as Path<T>, { type: 'server', message: f.message }, { shouldFocus: i === 0 }),
  );
  return fields.length === 0 || rest.length > 0 ? { error, rest } : undefined;
}
