import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';

/**
 * "Delete the disk?": the confirmation before a boot or additional disk is marked for deletion
 * (detached, then deleted with its data on Save). `disk` undefined: closed.
 */
export function DeleteDiskDialog({
  disk,
  onConfirm,
  onClose,
}: {
  disk: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog
      open={disk !== undefined}
      title={t('vm-config.deleteDiskTitle')}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" onClick={onConfirm}>
            {t('common.delete')}
          </Button>
        </>
      }
    >
      <p>{t('vm-config.deleteDiskText', { name: disk ?? '' })}</p>
    </Dialog>
  );
}
