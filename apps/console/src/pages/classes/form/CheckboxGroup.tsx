import { useId } from 'react';

/**
 * A labelled group of checkboxes holding a list of the checked values (an accessible
 * multi-select: Tab reaches each box, Space toggles it).
 */
export function CheckboxGroup({
  label,
  options,
  value,
  onChange,
  error,
  hint,
  disabled,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={`cls-checks${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field-label">{label}</legend>
      <div className="cls-checks-list">
        {options.map((o) => (
          <label key={o.value} className="cls-check">
            <input
              type="checkbox"
              value={o.value}
              checked={value.includes(o.value)}
              disabled={disabled}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? options.map((x) => x.value).filter((v) => v === o.value || value.includes(v))
                    : value.filter((v) => v !== o.value),
                )
              }
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-err`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
