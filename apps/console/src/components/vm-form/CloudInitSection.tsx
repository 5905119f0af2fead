import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { MAX_INLINE_USER_DATA_BYTES } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { Switch } from '../../ui/Field.tsx';
import { YamlEditor } from '../yaml/YamlEditor.tsx';
import type { VmFormValues } from './model.ts';

/** The "Cloud-init" switch and, when on, the script (`spec.provisioning.userData`). */
export function CloudInitSection() {
  const t = useT();
  const { control, setValue } = useFormContext<VmFormValues>();
  const enabled = useWatch({ control, name: 'cloudInitEnabled' });
  return (
    <div className="vm-form-cloudinit">
      <Switch
        label={t('vm-create.cloudInit')}
        checked={enabled}
        onChange={(v) =>
          setValue('cloudInitEnabled', v, {
            shouldDirty: true,
            shouldValidate: false,
          })
        }
      />
      {enabled ? (
        <Controller
          control={control}
          name="cloudInit"
          render={({ field, fieldState }) => (
            <YamlEditor
              label={t('vm-create.cloudInit.editor')}
              value={field.value}
              onChange={field.onChange}
              maxBytes={MAX_INLINE_USER_DATA_BYTES}
              error={fieldState.error?.message}
            />
          )}
        />
      ) : null}
    </div>
  );
}
