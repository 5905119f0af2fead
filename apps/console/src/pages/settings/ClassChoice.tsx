import { Controller } from 'react-hook-form';
import { useId } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { SelectInput } from '../../ui/Field.tsx';
import { issueText } from './issue-text.ts';
import type { SettingsForm } from './useSettingsForm.ts';

/**
 * `virtualImages` / `virtualDisks`: the allowed storage classes (none checked: any class) and
 * the default one.
 */
export function ClassChoice({
  s,
  kind,
  classes,
  disabled,
}: {
  s: SettingsForm;
  kind: 'images' | 'disks';
  classes: string[];
  disabled: boolean;
}) {
  const t = useT();
  const id = useId();
  const prefix = kind === 'images' ? 'virtualImages' : 'virtualDisks';
  const allowedField = kind === 'images' ? 'imagesAllowed' : 'disksAllowed';
  const defaultField = kind === 'images' ? 'imagesDefault' : 'disksDefault';
  const allowed = s.values[allowedField];
  const current = s.values[defaultField];
  const names = [...new Set([...classes, ...allowed, ...(current ? [current] : [])])].sort();
  const touched = s.form.formState.touchedFields;
  return (
    <>
      <Controller
        control={s.form.control}
        name={allowedField}
        render={({ field }) => (
          <fieldset className="settings-checks" aria-describedby={`${id}-hint`} disabled={disabled}>
            <legend>{`${prefix}.allowedStorageClassSelector.matchNames`}</legend>
            <p id={`${id}-hint`} className="field-hint">
              {t(`settings.${kind}.allowedHint`)}
            </p>
            {names.length === 0 ? <p>{t('settings.noStorageClasses')}</p> : null}
            {names.map((n) => (
              <label key={n} className="settings-check">
                <input
                  type="checkbox"
                  checked={field.value.includes(n)}
                  onChange={(e) =>
                    field.onChange(
                      e.target.checked
                        ? [...field.value, n].sort()
                        : field.value.filter((x) => x !== n),
                    )
                  }
                  onBlur={field.onBlur}
                />
                {n}
              </label>
            ))}
          </fieldset>
        )}
      />
      <SelectInput
        label={`${prefix}.defaultStorageClassName`}
        hint={t(`settings.${kind}.defaultHint`)}
        disabled={disabled}
        error={issueText(t, s.errorOf(defaultField, !!touched[defaultField]))}
        options={[
          { value: '', label: t('settings.notSet') },
          ...names.map((n) => ({ value: n, label: n })),
        ]}
        {...s.form.register(defaultField)}
      />
    </>
  );
}
