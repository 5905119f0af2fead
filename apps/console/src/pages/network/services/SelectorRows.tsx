import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { keyProblem, valueProblem, type ServiceValues } from './service-model.ts';

/** The selector as key/value rows ("Label by which the service determines which VM…"). */
export function SelectorRows() {
  const t = useT();
  const { control, register, formState, getValues } = useFormContext<ServiceValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'selector' });
  const errors = formState.errors.selector;
  const msg = (p: string | undefined) => (p ? t(`network.err.${p}` as MessageKey) : true);
  return (
    <fieldset className="net-rows">
      <legend>{t('network.svc.selector')}</legend>
      <p className="field-hint">{t('network.svc.selectorHint')}</p>
      {fields.map((f, i) => (
        <fieldset key={f.id} className="net-row">
          <legend className="visually-hidden">{t('network.svc.selectorRow', { n: i + 1 })}</legend>
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
          <Button
            size="sm"
            variant="ghost"
            aria-label={t('network.svc.removeLabel', { n: i + 1 })}
            onClick={() => remove(i)}
          >
            {t('common.remove')}
          </Button>
        </fieldset>
      ))}
      {errors?.root?.message ? (
        <p className="field-error" role="alert">
          {errors.root.message}
        </p>
      ) : null}
      <Button size="sm" onClick={() => append({ key: '', value: '' })}>
        {t('network.svc.addLabel')}
      </Button>
    </fieldset>
  );
}
