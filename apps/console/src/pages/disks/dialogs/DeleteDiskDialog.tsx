import type { KubeObject } from '@dvp/api';
import { api, call } from '../../../api/client.ts';
import { ConfirmDeleteDialog } from '../../../components/dialogs/ConfirmDeleteDialog.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { useDiskActionReasons } from './reasons.ts';

/** Confirms deleting a disk, naming it; refuses (with the VMs) while the disk is attached. */
export function DeleteDiskDialog({
  disk,
  onClose,
  onDeleted,
}: {
  disk: KubeObject;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const name = disk.metadata.name ?? '';
  const reason = useDiskActionReasons(disk).delete;
  return (
    <ConfirmDeleteDialog
      title={t('disks.delete.title', { name })}
      text={t('disks.delete.text', { name })}
      confirmLabel={t('disks.delete.submit')}
      warning={reason}
      blockedReason={reason}
      done={t('disks.delete.done', { name })}
      onDelete={() =>
        call(api.resourceDelete, {
          params: { namespace: disk.metadata.namespace ?? '', resource: 'virtualdisks', name },
        })
      }
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
