import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { ConfirmDialog } from '../../../components/dialogs/ConfirmDialog.tsx';
import { addressOf, keepAfterVmDeletion, vmOwners } from './keep.ts';

/** The command the seeds give for the same change (shown so admins recognise it). */
const seedCommand = (name: string) =>
  `d8 k patch vmip ${name} --type=merge --patch '{"metadata":{"ownerReferences":null}}'`;

/**
 * "Keep after VM deletion": explains what the seeds' ownerReferences procedure does, then drops
 * the VM owners of the address (a merge patch with the resourceVersion it read).
 */
export function KeepIpDialog({
  namespace,
  name,
  onClose,
}: {
  namespace: string;
  name: string;
  onClose: () => void;
}) {
  const t = useT();
  const view = useQuery(
    q(api.resourceView, { namespace, resource: 'virtualmachineipaddresses', name }),
  );
  const obj = view.data;
  const owners = obj ? vmOwners(obj).map((r) => r.name) : [];
  return (
    <ConfirmDialog
      open
      title={t('network.ip.keep.title', { name })}
      confirmLabel={t('network.ip.keep.confirm')}
      danger={false}
      done={t('network.ip.keep.done', { name })}
      onConfirm={() => keepAfterVmDeletion(namespace, name)}
      onClose={onClose}
    >
      {obj ? (
        <>
          <p>
            {owners.length
              ? t('network.ip.keep.owned', {
                  address: addressOf(obj) ?? '—',
                  vm: owners.join(', '),
                })
              : t('network.ip.keep.already')}
          </p>
          <p>{t('network.ip.keep.effect', { name })}</p>
          <p className="field-hint">{t('network.ip.keep.command')}</p>
          <pre className="net-command">
            <code>{seedCommand(name)}</code>
          </pre>
        </>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </ConfirmDialog>
  );
}
