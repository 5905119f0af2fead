import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import { ADDITIONAL_NETWORK_TYPES, networkNameProblem, type NetworkType } from './networks.ts';
import type { ConfigValues } from './values.ts';

/**
 * `spec.networks` (seed 000 "Additional network interfaces"): the Main network first (it cannot
 * be removed), then project Networks and ClusterNetworks by name. New networks go to the end
 * so the guest's interface order does not change; the list applies after a reboot.
 */
export function NetworkList() {
  const t = useT();
  const { control, register, getValues, formState } = useFormContext<ConfigValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'networks' });
  return (
    <div>
      <h3 id="cfg-networks">{t('vm-config.networks')}</h3>
      <p className="muted">{t('vm-config.networksHint')}</p>
      <ol className="config-list" aria-labelledby="cfg-networks">
        {fields.map((f, i) => {
          const n = i + 1;
          if (f.type === 'Main') {
            return (
              <li key={f.id} className="config-item">
                <span className="config-item-name">Main</span>
                <span className="muted">{t('vm-config.mainNetwork')}</span>
              </li>
            );
          }
          return (
            <li key={f.id} className="config-item config-network">
              <SelectInput
                label={t('vm-config.networkTypeOf', { n })}
                options={ADDITIONAL_NETWORK_TYPES.map((type) => ({
                  value: type,
                  label: t(`vm-config.networkType.${type}`),
                }))}
                {...register(`networks.${i}.type` as const, {
                  setValueAs: (v: string) => v as NetworkType,
                  deps: fields.map((_, j) => `networks.${j}.name` as const),
                })}
              />
              <TextInput
                label={t('vm-config.networkNameOf', { n })}
                autoComplete="off"
                spellCheck={false}
                error={formState.errors.networks?.[i]?.name?.message}
                {...register(`networks.${i}.name` as const, {
                  validate: () => {
                    const problem = networkNameProblem(getValues('networks'), i);
                    return problem ? t(problem) : true;
                  },
                })}
              />
              <span className="config-item-actions">
                <Button size="sm" onClick={() => remove(i)}>
                  {t('vm-config.removeNetwork', { n })}
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <Button size="sm" onClick={() => append({ type: 'Network', name: '' })}>
        {t('vm-config.addNetwork')}
      </Button>
    </div>
  );
}
