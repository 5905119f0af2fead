import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { invalidateEndpoint } from '../../api/query.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

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
  return (
    <ConfirmDialog
      open
      title={t(resource === 'services' ? 'network.svc.deleteTitle' : 'network.ing.deleteTitle', {
        name,
      })}
      confirmLabel={t('common.delete')}
      done={t('network.deleted', { name })}
      onConfirm={async () => {
        await call(api.resourceDelete, { params: { namespace, resource, name } });
        await invalidateEndpoint(client, 'resourceList', { namespace, resource });
      }}
      onClose={onClose}
      onDone={onDeleted}
    >
      <p>
        {t(resource === 'services' ? 'network.svc.deleteText' : 'network.ing.deleteText', {
          name,
        })}
      </p>
    </ConfirmDialog>
  );
}
