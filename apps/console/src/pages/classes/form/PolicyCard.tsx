import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectInput, Switch, TextInput } from '../../../ui/Field.tsx';
import { PolicyPreview } from '../PolicyPreview.tsx';
import { CheckboxGroup } from './CheckboxGroup.tsx';
import { useFieldError } from './errors.ts';
import { FRACTION_CHOICES, policyOf, type ClassFormValues } from './model.ts';

/**
 * One rule of "Resource allocation rules for virtual machines": the "CPU" block (Min, Max,
 * Step, "Allow core shares"), the "Memory" block ("Volume per core" switch, Min, Max,
 * "Sampling step") and the configurations it allows.
 */
export function PolicyCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const errorFor = useFieldError();
  const { register, control } = useFormContext<ClassFormValues>();
  const policy = useWatch({ control, name: `policies.${index}` });
  const n = index + 1;
  const path = `policies.${index}` as const;
  const fractionChoices = [...new Set([...FRACTION_CHOICES.map(String), ...policy.fractions])].sort(
    (a, b) => Number(a) - Number(b),
  );
  const checked = fractionChoices.filter((f) => policy.fractions.includes(f));
  const rule = errorFor(`${path}.rule`);
  return (
    <section className="cls-policy" aria-labelledby={id}>
      <header className="cls-policy-header">
        <h3 id={id}>{t('classes.policy.title', { n })}</h3>
        <Button size="sm" variant="ghost" onClick={onRemove}>
          {t('classes.policy.remove', { n })}
        </Button>
      </header>
      {rule ? (
        <p className="field-error" role="alert">
          {rule}
        </p>
      ) : null}
      <div className="cls-policy-blocks">
        <fieldset className="cls-block">
          <legend>{t('classes.policy.cpu')}</legend>
          <div className="cls-row">
            <TextInput
              label={t('classes.policy.min')}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              error={errorFor(`${path}.coresMin`)}
              {...register(`${path}.coresMin`)}
            />
            <TextInput
              label={t('classes.policy.max')}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              required
              error={errorFor(`${path}.coresMax`)}
              {...register(`${path}.coresMax`)}
            />
            <TextInput
              label={t('classes.policy.step')}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              hint={t('classes.policy.stepHint')}
              error={errorFor(`${path}.coresStep`)}
              {...register(`${path}.coresStep`)}
            />
          </div>
          <Controller
            control={control}
            name={`${path}.fractions`}
            render={({ field }) => (
              <CheckboxGroup
                label={t('classes.policy.fractions')}
                options={fractionChoices.map((f) => ({ value: f, label: `${f}%` }))}
                value={field.value}
                onChange={field.onChange}
                error={errorFor(`${path}.fractions`)}
              />
            )}
          />
          <SelectInput
            label={t('classes.policy.defaultFraction')}
            options={[
              { value: '', label: t('classes.policy.defaultNone') },
              ...checked.map((f) => ({ value: f, label: `${f}%` })),
              ...(policy.defaultFraction && !checked.includes(policy.defaultFraction)
                ? [{ value: policy.defaultFraction, label: policy.defaultFraction }]
                : []),
            ]}
            error={errorFor(`${path}.defaultFraction`)}
            {...register(`${path}.defaultFraction`)}
          />
        </fieldset>
        <fieldset className="cls-block">
          <legend>{t('classes.policy.memory')}</legend>
          <Controller
            control={control}
            name={`${path}.perCore`}
            render={({ field }) => (
              <Switch
                label={t('classes.policy.perCore')}
                checked={field.value}
                onChange={field.onChange}
              />
            )}
          />
          <div className="cls-row">
            <TextInput
              label={t('classes.policy.min')}
              autoComplete="off"
              hint={t('classes.policy.memHint')}
              error={errorFor(`${path}.memMin`)}
              {...register(`${path}.memMin`)}
            />
            <TextInput
              label={t('classes.policy.max')}
              autoComplete="off"
              error={errorFor(`${path}.memMax`)}
              {...register(`${path}.memMax`)}
            />
            <TextInput
              label={t('classes.policy.memStep')}
              autoComplete="off"
              error={errorFor(`${path}.memStep`)}
              {...register(`${path}.memStep`)}
            />
          </div>
        </fieldset>
      </div>
      <div className="cls-policy-preview">
        <h4>{t('classes.preview.title')}</h4>
        <PolicyPreview
          policy={policyOf(policy)}
          label={`${t('classes.preview.title')}: ${t('classes.policy.title', { n })}`}
        />
      </div>
    </section>
  );
}
