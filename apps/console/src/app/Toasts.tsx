import { useT } from '../i18n/i18n.tsx';
import { dismissToast, useToasts } from '../stores/toast.ts';

export function Toasts() {
  const t = useT();
  const toasts = useToasts();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div
          key={x.id}
          className={`toast toast-${x.tone}`}
          role={x.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{x.text}</span>
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={t('common.close')}
            onClick={() => dismissToast(x.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
