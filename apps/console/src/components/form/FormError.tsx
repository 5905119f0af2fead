import { toApiError } from '../../api/errors.ts';
import { errorText } from '../../api/error-text.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';

/**
 * The form-level error banner: the Status in words, its unmapped causes, and for a Conflict the
 * "reload and re-apply my change" action.
 */
export function FormError({
  error,
  unmapped = [],
  onReloadAndReapply,
}: {
  error: unknown;
  unmapped?: { field?: string; message?: string }[];
  onReloadAndReapply?: () => void;
}) {
  const t = useT();
  if (!error) return null;
  const err = toApiError(error);
  return (
    <div className="banner banner-danger" role="alert">
      <p>{errorText(t, err)}</p>
      {unmapped.length ? (
        <ul>
          {unmapped.map((c, i) => (
            <li key={i}>
              {c.field ? <code>{c.field}</code> : null} {c.message}
            </li>
          ))}
        </ul>
      ) : null}
      {err.reason === 'Conflict' && onReloadAndReapply ? (
        <Button variant="primary" size="sm" onClick={onReloadAndReapply}>
          {t('error.reloadAndReapply')}
        </Button>
      ) : null}
    </div>
  );
}
