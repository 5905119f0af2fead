import type { VmRow } from '@dvp/api';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { useCan, type Capability } from '../../api/session.tsx';
import { MigrateDialog } from '../../forms/vm-migrate.tsx';
import { useT, type MessageKey } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Menu, type MenuItem } from '../../ui/Menu.tsx';
import { cancelMigration, runVmAction } from './run-action.ts';
import { runningMigration, vmCan, type VmActionId } from './vm-actions.ts';

/** The URL search param holding an open VM dialog: `<action>:<vm name>` (deep-linkable). */
export const VM_DIALOG_PARAM = 'vmDialog';
type DialogKind = 'migrate' | 'delete';

/** Opens/closes a VM dialog through the URL, keeping the page's other params (filters). */
function useVmDialog(name: string) {
  const [params, setParams] = useSearchParams();
  const value = params.get(VM_DIALOG_PARAM);
  const open = (kind: DialogKind) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set(VM_DIALOG_PARAM, `${kind}:${name}`);
      return next;
    });
  const close = () =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete(VM_DIALOG_PARAM);
        return next;
      },
      { replace: true },
    );
  const isOpen = (kind: DialogKind) => value === `${kind}:${name}`;
  return { open, close, isOpen };
}

/** What the user may do to VMs of a namespace (RBAC), for the menus of many rows at once. */
export interface VmActionRights {
  canOp: Capability;
  canDelete: Capability;
  canDeleteOp: Capability;
}

export function useVmActionRights(namespace: string): VmActionRights {
  const canOp = useCan('create', 'virtualmachineoperations', namespace);
  const canDelete = useCan('delete', 'virtualmachines', namespace);
  const canDeleteOp = useCan('delete', 'virtualmachineoperations', namespace);
  // Stable while the answers are, so memoized rows do not re-render on every scroll frame.
  const key = [canOp, canDelete, canDeleteOp]
    .map((c) => `${c.allowed}/${c.pending}/${c.reason ?? ''}`)
    .join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the key captures the three answers
  return useMemo(() => ({ canOp, canDelete, canDeleteOp }), [key]);
}

/**
 * The "…" menu of one VM (list rows and the VM page): Start, Stop, Restart, Migrate, Cancel
 * migration, Delete. Each item is disabled with its reason when the VM's state (`vmCan`) or
 * RBAC does not allow it.
 */
export function VmActionsMenu({ vm }: { vm: VmRow }) {
  return <VmActionsMenuFor vm={vm} rights={useVmActionRights(vm.namespace)} />;
}

/** The menu with rights checked once by the caller (the list: one check for all its rows). */
export function VmActionsMenuFor({ vm, rights }: { vm: VmRow; rights: VmActionRights }) {
  const t = useT();
  const { canOp, canDelete, canDeleteOp } = rights;
  const dialog = useVmDialog(vm.name);

  const reason = (id: VmActionId, rbac: { allowed: boolean; reason?: MessageKey }) => {
    if (!rbac.allowed) return t(rbac.reason ?? 'common.forbidden');
    const check = vmCan[id](vm);
    return check.allowed ? undefined : t(check.reason ?? 'vm-list.reason.phase.any');
  };

  const power = (action: 'start' | 'stop' | 'restart') => async () => {
    try {
      await runVmAction(vm, action);
      toast('success', t(`vm-list.done.${action}`, { name: vm.name }));
    } catch (err) {
      toast('error', errorText(t, err));
    }
  };

  const migration = runningMigration(vm);
  const items: MenuItem[] = [
    {
      id: 'start',
      label: t('vm-list.action.start'),
      onSelect: () => void power('start')(),
      disabledReason: reason('start', canOp),
    },
    {
      id: 'stop',
      label: t('vm-list.action.stop'),
      onSelect: () => void power('stop')(),
      disabledReason: reason('stop', canOp),
    },
    {
      id: 'restart',
      label: t('vm-list.action.restart'),
      onSelect: () => void power('restart')(),
      disabledReason: reason('restart', canOp),
    },
    {
      id: 'migrate',
      label: t('vm-list.action.migrate'),
      onSelect: () => dialog.open('migrate'),
      disabledReason: reason('migrate', canOp),
    },
  ];
  if (migration) {
    items.push({
      id: 'cancelMigration',
      label: t('vm-list.action.cancelMigration'),
      onSelect: () => {
        cancelMigration(vm, migration.name).then(
          () => toast('success', t('vm-list.done.cancelMigration', { name: vm.name })),
          (err: unknown) => toast('error', errorText(t, err)),
        );
      },
      disabledReason: reason('cancelMigration', canDeleteOp),
    });
  }
  items.push({
    id: 'delete',
    label: t('vm-list.action.delete'),
    onSelect: () => dialog.open('delete'),
    disabledReason: reason('delete', canDelete),
    danger: true,
  });

  return (
    <>
      <Menu label={t('vm-list.menu', { name: vm.name })} items={items} trigger="⋯" />
      {dialog.isOpen('migrate') ? <MigrateDialog vm={vm} open onClose={dialog.close} /> : null}
      {dialog.isOpen('delete') ? <VmDeleteDialog vm={vm} onClose={dialog.close} /> : null}
    </>
  );
}

/** Confirms deleting one VM, naming exactly what goes (the VM) and what stays (its disks). */
export function VmDeleteDialog({ vm, onClose }: { vm: VmRow; onClose: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const disks = vm.disks.filter((d) => d.kind === 'VirtualDisk').map((d) => d.name);
  const confirm = async () => {
    setBusy(true);
    try {
      await runVmAction(vm, 'delete');
      toast('success', t('vm-list.done.delete', { name: vm.name }));
      onClose();
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      size="sm"
      title={t('vm-list.delete.title')}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="danger" loading={busy} onClick={() => void confirm()}>
            {t('vm-list.delete.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('vm-list.delete.body', { name: vm.name, project: vm.namespace })}</p>
      <p>
        {disks.length > 0
          ? t('vm-list.delete.disksKept', { disks: disks.join(', ') })
          : t('vm-list.delete.noDisks')}
      </p>
    </Dialog>
  );
}
