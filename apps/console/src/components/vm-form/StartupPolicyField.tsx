import { useFormContext } from 'react-hook-form';
import { RUN_POLICIES } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { SelectInput } from '../../ui/Field.tsx';
import type { VmFormValues } from './model.ts';

/** `spec.runPolicy`, the default first (wording from the user guide). */
const ORDER = ['AlwaysOnUnlessStoppedManually', 'AlwaysOn', 'AlwaysOff', 'Manual'] as const;

export function StartupPolicyField() {
  const t = useT();
  const { register } = useFormContext<VmFormValues>();
  const options = ORDER.filter((p) => RUN_POLICIES.includes(p)).map((p) => ({
    value: p,
    label: t(`vm-create.runPolicy.${p}`),
  }));
  return (
    <SelectInput label={t('vm-create.runPolicy')} options={options} {...register('runPolicy')} />
  );
}
