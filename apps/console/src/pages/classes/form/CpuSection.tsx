import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useI18n } from '../../../i18n/i18n.tsx';
import { SelectInput } from '../../../ui/Field.tsx';
import type { NodeCpu } from '../data.ts';
import { CheckboxGroup } from './CheckboxGroup.tsx';
import { useFieldError } from './errors.ts';
import { CPU_TYPES, type ClassFormValues } from './model.ts';
import { SelectorEditor } from './SelectorEditor.tsx';

/**
 * "CPU Settings": Type, and for `Model` the models the nodes advertise, for `Features` the
 * instructions they advertise, for `Discovery` the nodes whose common instructions to use.
 * `locked` after creation: `spec.cpu` is immutable.
 */
export function CpuSection({ nodeCpu, locked }: { nodeCpu: NodeCpu; locked: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const errorFor = useFieldError();
  const { register, control } = useFormContext<ClassFormValues>();
  const type = useWatch({ control, name: 'cpuType' });
  const model = useWatch({ control, name: 'model' });
  const features = useWatch({ control, name: 'features' });
  const models =
    nodeCpu.models.includes(model) || !model ? nodeCpu.models : [model, ...nodeCpu.models];
  const featureChoices = [...new Set([...nodeCpu.features, ...features])];
  return (
    <section className="cls-form-section" aria-labelledby={id}>
      <h2 id={id}>{t('classes.cpu.heading')}</h2>
      {locked ? (
        <p className="banner banner-info" id={`${id}-locked`}>
          {t('classes.cpu.locked')}
        </p>
      ) : null}
      <SelectInput
        label={t('classes.cpu.type')}
        disabled={locked}
        hint={t(`classes.cpu.about.${type}`)}
        options={CPU_TYPES.map((c) => ({ value: c, label: c }))}
        error={errorFor('cpuType')}
        {...register('cpuType')}
      />
      {type === 'Model' ? (
        <SelectInput
          label={t('classes.cpu.model')}
          required
          disabled={locked}
          hint={
            models.length
              ? t('classes.cpu.modelHint', { count: nodeCpu.nodes.length })
              : t('classes.cpu.noModels')
          }
          options={[
            { value: '', label: t('classes.cpu.modelChoose'), disabled: true },
            ...models.map((m) => ({ value: m, label: m })),
          ]}
          error={errorFor('model')}
          {...register('model')}
        />
      ) : null}
      {type === 'Features' ? (
        <Controller
          control={control}
          name="features"
          render={({ field }) => (
            <CheckboxGroup
              label={t('classes.cpu.features')}
              options={featureChoices.map((f) => ({ value: f, label: f }))}
              value={field.value}
              onChange={field.onChange}
              disabled={locked}
              hint={featureChoices.length ? undefined : t('classes.cpu.noFeatures')}
              error={errorFor('features')}
            />
          )}
        />
      ) : null}
      {type === 'Discovery' ? (
        <div className="cls-subblock" role="group" aria-labelledby={`${id}-disc`}>
          <h3 id={`${id}-disc`}>{t('classes.cpu.discovery')}</h3>
          <p className="cls-muted">{t('classes.cpu.discoveryHint')}</p>
          <Controller
            control={control}
            name="discovery"
            render={({ field }) => (
              <SelectorEditor
                title={t('classes.cpu.discovery')}
                rows={field.value}
                onChange={field.onChange}
                nodes={nodeCpu.nodes}
                labels={nodeCpu.labels}
                error={errorFor('discovery')}
                disabled={locked}
                headingLevel={4}
              />
            )}
          />
        </div>
      ) : null}
    </section>
  );
}
