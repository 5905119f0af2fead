import { useNavigate } from 'react-router';
import { ConfirmDeleteDialog } from '../../../components/dialogs/ConfirmDeleteDialog.tsx';
import { useT } from '../../../i18n/i18n.tsx';
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
  return (
    <ConfirmDeleteDialog
      title={t('images.delete.title', { name })}
      text={t('images.delete.text', { name })}
      confirmLabel={t('images.delete.confirm')}
      warning={inUse ? t('images.delete.inUse') : undefined}
      done={t('images.deleted', { name })}
      onDelete={() => deleteImage(scope, name)}
      onClose={onClose}
      onDeleted={() => {
        onClose();
        void navigate(listHref(scope));
      }}
    />
  );
}
