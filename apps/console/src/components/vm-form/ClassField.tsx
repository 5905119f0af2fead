import { useFormContext } from 'react-hook-form';
import type { KubeObject } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { SelectInput } from '../../ui/Field.tsx';
import type { VmFormValues } from './model.ts';

/** The VM class picker (`spec.virtualMachineClassName`). */
export function ClassField({ classes }: { classes: readonly KubeObject[] }) {
  const t = useT();
  const {
    register,
    formState: { errors },
  } = useFormContext<VmFormValues>();
  const options = classes.map((c) => ({
    value: c.metadata.name ?? '',
    label: c.metadata.name ?? '',
  }));
  return (
    <SelectInput
      label={t('vm-create.class')}
      required
      options={options.length ? options : [{ value: '', label: t('vm-create.classNone') }]}
      error={errors.className?.message}
      {...register('className', { deps: ['cores', 'coreFraction', 'memory'] })}
    />
  );
}
