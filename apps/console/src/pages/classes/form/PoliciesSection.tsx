import { useId, type ReactNode } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { useFieldError } from './errors.ts';
import { emptyPolicy, type ClassFormValues } from './model.ts';
import { PolicyCard } from './PolicyCard.tsx';

/** "Resource allocation rules for virtual machines": the sizing policies, added with "Add". */
export function PoliciesSection({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const errorFor = useFieldError();
  const { control, getValues } = useFormContext<ClassFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'policies' });
  const rootError = errorFor('policies');
  return (
    <section className="cls-form-section" aria-labelledby={id}>
      <h2 id={id}>{t('classes.policies.heading')}</h2>
      <p className="cls-muted">{t('classes.policies.hint')}</p>
      {rootError ? (
        <p className="field-error" role="alert">
          {rootError}
        </p>
      ) : null}
      {fields.length === 0 ? <p>{t('classes.policies.none')}</p> : null}
      {fields.map((f, i) => (
        <PolicyCard key={f.id} index={i} onRemove={() => remove(i)} />
      ))}
      <div>
        <Button
          onClick={() => {
            const list = getValues('policies');
            append(emptyPolicy(list[list.length - 1]), { shouldFocus: true });
          }}
        >
          {t('classes.policies.add')}
        </Button>
      </div>
      {children}
    </section>
  );
}
