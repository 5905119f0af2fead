import type { ReactNode } from 'react';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';

/**
 * Repeated rows of fields in one group (a Service's ports, its selector): each row its own
 * (visually hidden) named group with a Remove button named after the row, the list's own error,
 * and an Add button.
 */
export function FieldRows({
  legend,
  hint,
  rowKeys,
  rowClassName = 'net-row',
  rowLegend,
  removeLabel,
  renderRow,
  onRemove,
  error,
  addLabel,
  onAdd,
}: {
  legend: string;
  hint: ReactNode;
  /** One stable key a row (react-hook-form's field ids). */
  rowKeys: string[];
  rowClassName?: string;
  rowLegend: (n: number) => string;
  removeLabel: (n: number) => string;
  renderRow: (i: number) => ReactNode;
  onRemove: (i: number) => void;
  error: string | undefined;
  addLabel: string;
  onAdd: () => void;
}) {
  const t = useT();
  return (
    <fieldset className="net-rows">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {rowKeys.map((key, i) => (
        <fieldset key={key} className={rowClassName}>
          <legend className="visually-hidden">{rowLegend(i + 1)}</legend>
          {renderRow(i)}
          <Button
            size="sm"
            variant="ghost"
            aria-label={removeLabel(i + 1)}
            onClick={() => onRemove(i)}
          >
            {t('common.remove')}
          </Button>
        </fieldset>
      ))}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <Button size="sm" onClick={onAdd}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
