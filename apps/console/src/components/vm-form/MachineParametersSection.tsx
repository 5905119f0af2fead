import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { SizingPolicy } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { TextInput } from '../../ui/Field.tsx';
import type { VmFormValues } from './model.ts';
import { sizingHints } from './sizing.ts';

/**
 * "Machine Parameters": cores, CPU share (`coreFraction`) and memory size, with what the
 * class's sizing policy allows next to each field.
 */
export function MachineParametersSection({
  policies,
  headingLevel = 2,
}: {
  policies: readonly SizingPolicy[] | undefined;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<VmFormValues>();
  const cores = useWatch({ control, name: 'cores' });
  const hints = sizingHints(Number.isFinite(cores) ? cores : 1, policies);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = useId();
  return (
    <section className="vm-form-section" aria-labelledby={headingId}>
      <Heading id={headingId} className="vm-form-legend">
        {t('vm-create.machine')}
      </Heading>
      <div className="vm-form-row">
        <TextInput
          label={t('vm-create.cores')}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          required
          hint={hints.cores ? t(hints.cores.key, hints.cores.values) : undefined}
          error={errors.cores?.message}
          {...register('cores', { valueAsNumber: true, deps: ['coreFraction', 'memory'] })}
        />
        <TextInput
          label={t('vm-create.coreFraction')}
          placeholder={t('vm-create.coreFraction.placeholder')}
          hint={
            hints.coreFraction ? t(hints.coreFraction.key, hints.coreFraction.values) : undefined
          }
          error={errors.coreFraction?.message}
          {...register('coreFraction')}
        />
        <TextInput
          label={t('vm-create.memory')}
          required
          hint={hints.memory ? t(hints.memory.key, hints.memory.values) : t('vm-create.memoryHint')}
          error={errors.memory?.message}
          {...register('memory')}
        />
      </div>
    </section>
  );
}
