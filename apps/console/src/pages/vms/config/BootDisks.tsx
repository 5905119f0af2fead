import type { VmDetail } from '@dvp/api';
import { useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DeleteDiskDialog } from './DeleteDiskDialog.tsx';
import { DiskPicker } from './DiskPicker.tsx';
import { DiskSize } from './DiskSize.tsx';
import type { ConfigValues } from './values.ts';

/**
 * "Boot Disks" (`spec.blockDeviceRefs`): reorder, add an existing disk, detach (drop from the
 * list) or delete (detach, then delete the VirtualDisk after the VM patch), resize.
 */
export function BootDisks({
  detail,
  freeDisks,
  capacities,
}: {
  detail: VmDetail;
  freeDisks: string[];
  capacities: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const { control, getValues, setValue } = useFormContext<ConfigValues>();
  const { fields, move, remove, append } = useFieldArray({ control, name: 'bootDisks' });
  const [toDelete, setToDelete] = useState<number | null>(null);
  const choices = freeDisks.filter((d) => !fields.some((f) => f.name === d));
  const deleting = toDelete === null ? undefined : fields[toDelete];
  return (
    <div>
      <h3>{t('vm-config.bootDisks')}</h3>
      <ol className="config-list">
        {fields.map((f, i) => (
          <li key={f.id} className="config-item">
            <span className="config-item-name">
              {f.name} <span className="muted">({f.kind})</span>
            </span>
            {f.kind === 'VirtualDisk' ? (
              <DiskSize detail={detail} disk={f.name} capacity={capacities.get(f.name)} />
            ) : null}
            <span className="config-item-actions">
              <Button
                size="sm"
                variant="ghost"
                aria-label={t('vm-config.moveUp', { name: f.name })}
                disabledReason={i === 0 ? t('vm-config.alreadyFirst') : undefined}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={t('vm-config.moveDown', { name: f.name })}
                disabledReason={i === fields.length - 1 ? t('vm-config.alreadyLast') : undefined}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </Button>
              <Button
                size="sm"
                aria-label={t('vm-config.detachNamed', { name: f.name })}
                disabledReason={fields.length === 1 ? t('vm-config.needOneBootDevice') : undefined}
                onClick={() => remove(i)}
              >
                {t('vm-config.detach')}
              </Button>
              {f.kind === 'VirtualDisk' ? (
                <Button
                  size="sm"
                  variant="danger"
                  aria-label={t('vm-config.deleteNamed', { name: f.name })}
                  disabledReason={
                    fields.length === 1 ? t('vm-config.needOneBootDevice') : undefined
                  }
                  onClick={() => setToDelete(i)}
                >
                  {t('common.delete')}
                </Button>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <DiskPicker
        label={t('vm-config.addExistingDisk')}
        action={t('common.add')}
        choices={choices}
        onPick={(d) => append({ kind: 'VirtualDisk', name: d })}
      />
      <DeleteDiskDialog
        disk={deleting?.name}
        onClose={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete === null || !deleting) return;
          setValue('deleteDisks', [...getValues('deleteDisks'), deleting.name], {
            shouldDirty: true,
          });
          remove(toDelete);
          setToDelete(null);
        }}
      />
    </div>
  );
}
