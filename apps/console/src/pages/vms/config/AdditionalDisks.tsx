import type { VmDetail } from '@dvp/api';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DeleteDiskDialog } from './DeleteDiskDialog.tsx';
import { DiskPicker } from './DiskPicker.tsx';
import { DiskSize } from './DiskSize.tsx';
import { type ConfigValues, nameOf } from './values.ts';

/**
 * "Additional Disks" (seed 000: add, detach, delete, resize): hotplugged VirtualDisks, one
 * VirtualMachineBlockDeviceAttachment each (with its phase). Attach creates a VMBDA, detach
 * deletes it, delete also deletes the disk after detaching it — all on Save.
 */
export function AdditionalDisks({
  detail,
  freeDisks,
  capacities,
}: {
  detail: VmDetail;
  freeDisks: string[];
  capacities: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const { watch, setValue } = useFormContext<ConfigValues>();
  const attach = watch('attach');
  const detach = watch('detach');
  const deleteDisks = watch('deleteDisks');
  const [toDelete, setToDelete] = useState<{ attachment: string; disk: string } | null>(null);
  const choices = freeDisks.filter((d) => !attach.includes(d));
  const set = (name: 'attach' | 'detach' | 'deleteDisks', v: string[]) =>
    setValue(name, v, { shouldDirty: true });
  const undo = (attachment: string, disk: string) => {
    set(
      'detach',
      detach.filter((n) => n !== attachment),
    );
    set(
      'deleteDisks',
      deleteDisks.filter((d) => d !== disk),
    );
  };
  return (
    <div>
      <h3>{t('vm-config.additionalDisks')}</h3>
      {detail.attachments.length === 0 && attach.length === 0 ? (
        <p className="muted">{t('vm-config.noAdditionalDisks')}</p>
      ) : null}
      <ul className="config-list" aria-label={t('vm-config.additionalDisks')}>
        {detail.attachments.map((a) => {
          const name = nameOf(a);
          const disk = a.spec.blockDeviceRef.name ?? '';
          const isDisk = a.spec.blockDeviceRef.kind === 'VirtualDisk';
          const leaving = detach.includes(name);
          const deleting = leaving && isDisk && deleteDisks.includes(disk);
          return (
            <li key={a.metadata.uid ?? name} className="config-item">
              <span className="config-item-name">
                {disk} <span className="muted">({a.spec.blockDeviceRef.kind})</span>
              </span>
              <PhaseBadge phase={a.status?.phase ?? 'Pending'} />
              {leaving ? (
                <span className="muted">
                  {t(deleting ? 'vm-config.willDelete' : 'vm-config.willDetach')}
                </span>
              ) : null}
              {isDisk && !leaving ? (
                <DiskSize detail={detail} disk={disk} capacity={capacities.get(disk)} />
              ) : null}
              <span className="config-item-actions">
                {leaving ? (
                  <Button
                    size="sm"
                    aria-label={t('vm-config.undoNamed', { name: disk })}
                    onClick={() => undo(name, disk)}
                  >
                    {t('vm-config.undo')}
                  </Button>
                ) : (
                  <>
                    <Button
                      size="sm"
                      aria-label={t('vm-config.detachNamed', { name: disk })}
                      onClick={() => set('detach', [...detach, name])}
                    >
                      {t('vm-config.detach')}
                    </Button>
                    {isDisk ? (
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={t('vm-config.deleteNamed', { name: disk })}
                        onClick={() => setToDelete({ attachment: name, disk })}
                      >
                        {t('common.delete')}
                      </Button>
                    ) : null}
                  </>
                )}
              </span>
            </li>
          );
        })}
        {attach.map((disk) => (
          <li key={`new-${disk}`} className="config-item">
            <span className="config-item-name">{disk}</span>
            <span className="muted">{t('vm-config.willAttach')}</span>
            <Button
              size="sm"
              aria-label={t('vm-config.undoNamed', { name: disk })}
              onClick={() =>
                set(
                  'attach',
                  attach.filter((d) => d !== disk),
                )
              }
            >
              {t('vm-config.undo')}
            </Button>
          </li>
        ))}
      </ul>
      <DiskPicker
        label={t('vm-config.attachDisk')}
        action={t('vm-config.attach')}
        choices={choices}
        onPick={(d) => set('attach', [...attach, d])}
      />
      <DeleteDiskDialog
        disk={toDelete?.disk}
        onClose={() => setToDelete(null)}
        onConfirm={() => {
          if (!toDelete) return;
          set('detach', [...detach, toDelete.attachment]);
          set('deleteDisks', [...deleteDisks, toDelete.disk]);
          setToDelete(null);
        }}
      />
    </div>
  );
}
