import { useId, type ReactNode } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useI18n } from '../../../i18n/i18n.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import type { NodeCpu } from '../data.ts';
import { CpuSection } from './CpuSection.tsx';
import { useFieldError } from './errors.ts';
import type { ClassFormValues } from './model.ts';
import { PoliciesSection } from './PoliciesSection.tsx';
import { SelectorEditor } from './SelectorEditor.tsx';

/** The blocks of seed 002's VM class form: Name, CPU, placement, sizing rules. */
export function ClassFields({
  nodeCpu,
  edit,
  policiesFooter,
}: {
  nodeCpu: NodeCpu;
  /** Editing an existing class: the name and `spec.cpu` cannot change. */
  edit: boolean;
  /** Shown under the sizing rules (the edit form's impact preview). */
  policiesFooter?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorFor = useFieldError();
  const { register, control } = useFormContext<ClassFormValues>();
  return (
    <div className="cls-form-fields">
      <TextInput
        label={t('classes.form.name')}
        required
        readOnly={edit}
        autoComplete="off"
        spellCheck={false}
        error={errorFor('name')}
        {...register('name')}
      />
      <CpuSection nodeCpu={nodeCpu} locked={edit} />
      <section className="cls-form-section" aria-labelledby={id}>
        <h2 id={id}>{t('classes.placement.heading')}</h2>
        {edit ? <p className="cls-muted">{t('classes.placement.hint')}</p> : null}
        <Controller
          control={control}
          name="nodeSelector"
          render={({ field }) => (
            <SelectorEditor
              title={t('classes.placement.heading')}
              rows={field.value}
              onChange={field.onChange}
              nodes={nodeCpu.nodes}
              labels={nodeCpu.labels}
              error={errorFor('nodeSelector')}
            />
          )}
        />
      </section>
      <PoliciesSection>{policiesFooter}</PoliciesSection>
    </div>
  );
}
