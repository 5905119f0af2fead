import { useT } from '../../i18n/i18n.tsx';

/** Form | YAML, as a pair of toggle buttons (the choice lives in the URL: `?view=yaml`). */
export function ViewToggle({
  view,
  onChange,
}: {
  view: 'form' | 'yaml';
  onChange: (v: 'form' | 'yaml') => void;
}) {
  const t = useT();
  return (
    <div className="vm-create-toggle" role="group" aria-label={t('vm-create.view')}>
      {(['form', 'yaml'] as const).map((v) => (
        <button
          key={v}
          type="button"
          className={`btn btn-sm ${view === v ? 'btn-primary' : 'btn-secondary'}`}
          aria-pressed={view === v}
          onClick={() => onChange(v)}
        >
          {t(`vm-create.view.${v}`)}
        </button>
      ))}
    </div>
  );
}
