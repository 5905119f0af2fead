import type { MessageKey, MessageValues } from '../../../i18n/i18n.tsx';
import { useQuery } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import type { SizingIssue } from './useSizing.ts';
import { nameOf, type ConfigValues } from './values.ts';

type Hint = { key: MessageKey; values: MessageValues } | undefined;

/**
 * "Machine Parameters": VM class, cores, CPU share and memory, checked live against the class's
 * sizing policy (the create form's rules and wording, `components/vm-form/sizing.ts`).
 */
export function MachineSection({
  issues,
  hints,
}: {
  issues: SizingIssue[];
  hints: Partial<Record<'cores' | 'coreFraction' | 'memory', Hint>>;
}) {
  const t = useT();
  const { register, formState, getValues } = useFormContext<ConfigValues>();
  const classes = useQuery(q(api.clusterResourceList, { resource: 'virtualmachineclasses' }, {}));
  const current = getValues('className');
  const names = new Set([current, ...(classes.data?.items.map((c) => nameOf(c)) ?? [])]);
  const error = (f: 'cores' | 'coreFraction' | 'memory') => {
    const issue = issues.find((i) => i.field === f);
    return issue ? t(issue.key, issue.values) : formState.errors[f]?.message;
  };
  const hint = (f: 'cores' | 'coreFraction' | 'memory') => {
    const h = hints[f];
    return h ? t(h.key, h.values) : undefined;
  };
  return (
    <section className="config-section" aria-labelledby="cfg-machine">
      <h2 id="cfg-machine">{t('vm-config.section.machine')}</h2>
      <div className="config-grid">
        <SelectInput
          label={t('vm-config.class')}
          options={[...names].map((n) => ({ value: n, label: n }))}
          error={formState.errors.className?.message}
          {...register('className', { required: t('vm-config.required') })}
        />
        <TextInput
          label={t('vm-config.cores')}
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          hint={hint('cores')}
          error={error('cores')}
          {...register('cores', { valueAsNumber: true })}
        />
        <TextInput
          label={t('vm-config.coreFraction')}
          hint={hint('coreFraction') ?? t('vm-config.coreFractionHint')}
          error={error('coreFraction')}
          {...register('coreFraction')}
        />
        <TextInput
          label={t('vm-config.memory')}
          hint={hint('memory')}
          error={error('memory')}
          {...register('memory')}
        />
      </div>
    </section>
  );
}
