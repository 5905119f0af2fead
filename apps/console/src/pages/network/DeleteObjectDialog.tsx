import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { invalidateEndpoint } from '../../api/query.ts';
import { ConfirmDeleteDialog } from '../../components/dialogs/ConfirmDeleteDialog.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** Confirms deleting one Service or Ingress, naming it and what depends on it. */
export function DeleteObjectDialog({
  namespace,
  resource,
  name,
  onClose,
  onDeleted,
}: {
  namespace: string;
  resource: 'services' | 'ingresses';
  name: string;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const t = useT();
  const client = useQueryClient();
  const svc = resource === 'services';
  return (
    <ConfirmDeleteDialog
      title={t(svc ? 'network.svc.deleteTitle' : 'network.ing.deleteTitle', { name })}
      text={t(svc ? 'network.svc.deleteText' : 'network.ing.deleteText', { name })}
      done={t('network.deleted', { name })}
      onDelete={async () => {
        await call(api.resourceDelete, { params: { namespace, resource, name } });
        await invalidateEndpoint(client, 'resourceList', { namespace, resource });
      }}
      onClose={onClose}
      onDeleted={onDeleted}
    />
  );
}
