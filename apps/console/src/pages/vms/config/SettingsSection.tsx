import { Controller, useFormContext } from 'react-hook-form';
import { StartupPolicyField } from '../../../components/vm-form/StartupPolicyField.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Switch } from '../../../ui/Field.tsx';
import type { ConfigValues } from './values.ts';

/**
 * "Additional Settings": Startup Policy (the create form's shared field: same `runPolicy`
 * name) and Auto-apply changes (seed 000).
 */
export function SettingsSection() {
  const t = useT();
  const { control } = useFormContext<ConfigValues>();
  return (
    <section className="config-section" aria-labelledby="cfg-settings">
      <h2 id="cfg-settings">{t('vm-config.section.settings')}</h2>
      <div className="config-grid">
        <StartupPolicyField />
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
