import { useId, type ReactNode } from 'react';
import { TextInput } from '../../../ui/Field.tsx';
import { useInitialFocus } from '../../disks/dialogs/use-initial-focus.ts';

/**
 * A name field with suggestions from the server (a `<datalist>`): works at any list size and
 * stays a plain text box for keyboards and screen readers.
 */
export function NamePicker({
  label,
  value,
  suggestions,
  onChange,
  error,
  hint,
  focusFirst,
}: {
  label: string;
  value: string;
  suggestions: { value: string; label?: string }[];
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  /** Takes the focus when the dialog opens. */
  focusFirst?: boolean;
}) {
  const id = useId();
  const focus = useInitialFocus<HTMLInputElement>(!!focusFirst);
  return (
    <>
      <TextInput
        label={label}
        value={value}
        required
        list={`${id}-list`}
        autoComplete="off"
        spellCheck={false}
        ref={focus}
        error={error}
        hint={hint}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-list`}>
        {suggestions.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
