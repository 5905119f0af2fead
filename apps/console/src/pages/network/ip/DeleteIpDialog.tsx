import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { ConfirmDeleteDialog } from '../../../components/dialogs/ConfirmDeleteDialog.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { addressOf, attachedVm } from './keep.ts';

/** Deletes a free address; while a VM uses it the confirm button says why it cannot. */
export function DeleteIpDialog({
  namespace,
  name,
  onClose,
}: {
  namespace: string;
  name: string;
  onClose: () => void;
}) {
  const t = useT();
  const params = { namespace, resource: 'virtualmachineipaddresses' as const, name };
  const view = useQuery(q(api.resourceView, params));
  const vm = view.data ? attachedVm(view.data) : undefined;
  return (
    <ConfirmDeleteDialog
      title={t('network.ip.delete.title', { name })}
      text={t('network.ip.delete.text', {
        name,
        address: (view.data && addressOf(view.data)) ?? '—',
      })}
      done={t('network.deleted', { name })}
      blockedReason={
        vm !== undefined ? t('network.ip.delete.attached', { vm: vm || '—' }) : undefined
      }
      onDelete={() => call(api.resourceDelete, { params })}
      onClose={onClose}
    />
  );
}
