import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { FieldRows } from './FieldRows.tsx';
import { keyProblem, valueProblem, type ServiceValues } from './service-model.ts';

/** The selector as key/value rows ("Label by which the service determines which VM…"). */
export function SelectorRows() {
  const t = useT();
  const { control, register, formState, getValues } = useFormContext<ServiceValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'selector' });
  const errors = formState.errors.selector;
  const msg = (p: string | undefined) => (p ? t(`network.err.${p}` as MessageKey) : true);
  return (
    <FieldRows
      legend={t('network.svc.selector')}
      hint={t('network.svc.selectorHint')}
      rowKeys={fields.map((f) => f.id)}
      rowLegend={(n) => t('network.svc.selectorRow', { n })}
      removeLabel={(n) => t('network.svc.removeLabel', { n })}
      onRemove={remove}
      error={errors?.root?.message}
      addLabel={t('network.svc.addLabel')}
      onAdd={() => append({ key: '', value: '' })}
      renderRow={(i) => (
        <>
          <TextInput
            label={t('network.svc.key')}
            autoComplete="off"
            placeholder="app"
            error={errors?.[i]?.key?.message}
            {...register(`selector.${i}.key`, {
              validate: () => msg(keyProblem(getValues('selector'), i)),
            })}
          />
          <TextInput
            label={t('network.svc.value')}
            autoComplete="off"
            placeholder="nginx"
            error={errors?.[i]?.value?.message}
            {...register(`selector.${i}.value`, { validate: (v) => msg(valueProblem(v)) })}
          />
        </>
      )}
    />
  );
}
