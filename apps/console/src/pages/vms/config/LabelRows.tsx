import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import type { ConfigValues } from './values.ts';

type RowsName = 'nodeSelector' | 'near.rows' | 'similar.rows';

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Key/Value rows of a label map ("Add" → "Key", "Value" in the seeds). */
export function LabelRows({ name, legend }: { name: RowsName; legend: string }) {
  const t = useT();
  const { control, register, formState } = useFormContext<ConfigValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const errorsOf = (i: number) => {
    const e =
      name === 'nodeSelector'
        ? formState.errors.nodeSelector?.[i]
        : formState.errors[name === 'near.rows' ? 'near' : 'similar']?.rows?.[i];
    return { key: e?.key?.message, value: e?.value?.message };
  };
  return (
    <fieldset className="config-rows">
      <legend>{legend}</legend>
      {fields.length === 0 ? <p className="muted">{t('vm-config.noLabels')}</p> : null}
      {fields.map((f, i) => (
        <div key={f.id} className="config-row">
          <TextInput
            label={t('vm-config.key')}
            error={errorsOf(i).key}
            {...register(`${name}.${i}.key` as const, {
              required: t('vm-config.required'),
              pattern: { value: LABEL_KEY, message: t('vm-config.labelKeyInvalid') },
            })}
          />
          <TextInput
            label={t('vm-config.value')}
            error={errorsOf(i).value}
            {...register(`${name}.${i}.value` as const, {
              pattern: { value: LABEL_VALUE, message: t('vm-config.labelValueInvalid') },
            })}
          />
          <Button
            size="sm"
            variant="ghost"
            aria-label={t('vm-config.removeLabel', { n: i + 1, legend })}
            onClick={() => remove(i)}
          >
            {t('common.remove')}
          </Button>
        </div>
      ))}
      <Button
        size="sm"
        aria-label={t('vm-config.addTo', { legend })}
        onClick={() => append({ key: '', value: '' })}
      >
        {t('common.add')}
      </Button>
    </fieldset>
  );
}
