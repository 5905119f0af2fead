import { api, call } from '../../../api/client.ts';
import { ConfirmDeleteDialog } from '../../../components/dialogs/ConfirmDeleteDialog.tsx';
import { useT } from '../../../i18n/i18n.tsx';

/** Confirms deleting one snapshot (disk or VM), naming it. */
export function DeleteSnapshotDialog({
  namespace,
  resource,
  name,
  onClose,
  onDeleted,
}: {
  namespace: string;
  resource: 'virtualdisksnapshots' | 'virtualmachinesnapshots';
  name: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  return (
    <ConfirmDeleteDialog
      title={t('snapshots.delete.title', { name })}
      text={
        resource === 'virtualmachinesnapshots'
          ? t('snapshots.delete.vmText', { name })
          : t('snapshots.delete.diskText', { name })
      }
      done={t('snapshots.delete.done', { name })}
      onDelete={() => call(api.resourceDelete, { params: { namespace, resource, name } })}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
