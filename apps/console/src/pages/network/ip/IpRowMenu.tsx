import type { KubeObject } from '@dvp/api';
import { useCan } from '../../../api/session.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Menu } from '../../../ui/Menu.tsx';
import { useDialogParam } from '../dialog-param.ts';
import { attachedVm, vmOwners } from './keep.ts';

/** A VirtualMachineIPAddress's actions: keep after VM deletion, delete (with reasons when not). */
export function IpRowMenu({ row }: { row: KubeObject }) {
  const t = useT();
  const ns = row.metadata.namespace ?? '';
  const name = row.metadata.name ?? '';
  const canPatch = useCan('patch', 'virtualmachineipaddresses', ns);
  const canDelete = useCan('delete', 'virtualmachineipaddresses', ns);
  const [, openKeep] = useDialogParam('keep');
  const [, openDelete] = useDialogParam('delete');
  const owners = vmOwners(row);
  const vm = attachedVm(row);
  const keepReason = !canPatch.allowed
    ? t(canPatch.reason ?? 'common.forbidden')
    : owners.length === 0
      ? t('network.ip.keep.already')
      : undefined;
  const deleteReason = !canDelete.allowed
    ? t(canDelete.reason ?? 'common.forbidden')
    : vm !== undefined
      ? t('network.ip.delete.attached', { vm: vm || '—' })
      : undefined;
  return (
    <Menu
      label={t('common.moreActions', { name })}
      trigger="⋯"
      items={[
        {
          id: 'keep',
          label: t('network.ip.keep'),
          onSelect: () => openKeep(name),
          disabledReason: keepReason,
        },
        {
          id: 'delete',
          label: t('common.delete'),
          danger: true,
          onSelect: () => openDelete(name),
          disabledReason: deleteReason,
        },
      ]}
    />
  );
}
