import { useState, type FormEvent } from 'react';
import { splitCauses } from '../../../api/error-text.ts';
import { toApiError, type ApiError } from '../../../api/errors.ts';

/**
 * The submit state of a snapshot create dialog: local checks shown once submitted, the server's
 * field errors (by `causes`: Status cause field → form field) at their fields, the rest in the
 * banner (style.md §7: one message per failure).
 */
export function useCreateForm(causes: Record<string, string>) {
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const split = error ? splitCauses(error, causes) : null;
  const serverField = (f: string) => split?.fields.find((x) => x.name === f)?.message;
  return {
    busy,
    serverField,
    /** A field's error: its local check's once submitted, else the server's. */
    show: (local: string | undefined, f: string) =>
      (submitted ? local : undefined) ?? serverField(f),
    /** Props of the FormError banner: nothing when every cause is shown at its field. */
    banner: {
      error: split && split.fields.length && !split.rest.length ? null : error,
      unmapped: split?.rest ?? [],
    },
    /** After an edit: the server's verdict no longer applies. */
    clearError: () => setError(null),
    /** Submits unless a local check failed (`invalid`); a failure of `create` is kept. */
    submit: async (e: FormEvent, invalid: boolean, create: () => Promise<unknown>) => {
      e.preventDefault();
      setSubmitted(true);
      if (invalid) return;
      setBusy(true);
      setError(null);
      try {
        await create();
      } catch (err) {
        setError(toApiError(err));
      } finally {
        setBusy(false);
      }
    },
  };
}
