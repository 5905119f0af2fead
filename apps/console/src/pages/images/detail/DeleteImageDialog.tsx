import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../../api/error-text.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { deleteImage, listHref, type ImageScope } from '../scope.ts';

/** Confirms deleting one image (named), says when the cluster reports it in use. */
export function DeleteImageDialog({
  scope,
  name,
  inUse,
  onClose,
}: {
  scope: ImageScope;
  name: string;
  inUse: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await deleteImage(scope, name);
      toast('success', t('images.deleted', { name }));
      onClose();
      void navigate(listHref(scope));
    } catch (e) {
      toast('error', errorText(t, e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      size="sm"
      title={t('images.delete.title', { name })}
      closeLabel={t('common.close')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" loading={busy} onClick={() => void confirm()}>
            {t('images.delete.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('images.delete.text', { name })}</p>
      {inUse ? (
        <p className="banner banner-warning" role="status">
          {t('images.delete.inUse')}
        </p>
      ) : null}
    </Dialog>
  );
}
