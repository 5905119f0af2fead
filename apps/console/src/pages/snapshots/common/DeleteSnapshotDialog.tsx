import { useState } from 'react';
import { api, call } from '../../../api/client.ts';
import { errorText } from '../../../api/error-text.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';

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
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await call(api.resourceDelete, { params: { namespace, resource, name } });
      toast('success', t('snapshots.delete.done', { name }));
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
      title={t('snapshots.delete.title', { name })}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" loading={busy} onClick={() => void remove()}>
            {t('common.delete')}
          </Button>
        </>
      }
    >
      <p>
        {resource === 'virtualmachinesnapshots'
          ? t('snapshots.delete.vmText', { name })
          : t('snapshots.delete.diskText', { name })}
      </p>
    </Dialog>
  );
}
