import { RUN_POLICIES } from '@dvp/api';
import { Controller, useFormContext } from 'react-hook-form';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { SelectInput, Switch } from '../../../ui/Field.tsx';
import type { ConfigValues } from './values.ts';

/** "Additional Settings": Startup Policy and Auto-apply changes (seed 000). */
export function SettingsSection() {
  const t = useT();
  const { register, control } = useFormContext<ConfigValues>();
  return (
    <section className="config-section" aria-labelledby="cfg-settings">
      <h2 id="cfg-settings">{t('vm-config.section.settings')}</h2>
      <div className="config-grid">
        <SelectInput
          label={t('vm-config.runPolicy')}
          options={RUN_POLICIES.map((p) => ({
            value: p,
            label: t(`vm-config.runPolicy.${p}` as MessageKey),
          }))}
          {...register('runPolicy')}
        />
        <Controller
          control={control}
          name="autoApply"
          render={({ field }) => (
            <Switch
              label={t('vm-config.autoApply')}
              hint={t('vm-config.autoApplyHint')}
              checked={field.value}
              onChange={field.onChange}
            />
          )}
        />
      </div>
    </section>
  );
}
