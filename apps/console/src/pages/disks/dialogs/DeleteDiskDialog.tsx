import type { KubeObject } from '@dvp/api';
import { useState } from 'react';
import { api, call } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
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
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await call(api.resourceDelete, {
        params: { namespace: disk.metadata.namespace ?? '', resource: 'virtualdisks', name },
      });
      toast('success', t('disks.delete.done', { name }));
      onDeleted();
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      size="sm"
      title={t('disks.delete.title', { name })}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="danger"
            loading={busy}
            disabledReason={reason}
            onClick={() => void remove()}
          >
            {t('disks.delete.submit')}
          </Button>
        </>
      }
    >
      <p>{t('disks.delete.text', { name })}</p>
      {reason ? (
        <p className="banner banner-warning" role="status">
          {reason}
        </p>
      ) : null}
    </Dialog>
  );
}
