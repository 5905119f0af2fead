import type { VmRow } from '@dvp/api';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { useCan, type Capability } from '../../api/session.tsx';
import { MigrateDialog } from '../../forms/vm-migrate.tsx';
import { useT, type MessageKey, type Translate } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Menu, type MenuItem } from '../../ui/Menu.tsx';
import { cancelMigration, runVmAction } from './run-action.ts';
import { runningMigration, vmCan, type VmActionId } from './vm-actions.ts';

/** The URL search param holding an open VM dialog: `<action>:<vm name>` (deep-linkable). */
export const VM_DIALOG_PARAM = 'vmDialog';
export type VmDialogKind = 'migrate' | 'delete';

const isDialogKind = (v: string): v is VmDialogKind => v === 'migrate' || v === 'delete';

/**
 * The open VM dialog in the URL (`?vmDialog=<kind>:<name>`), and opening/closing it while keeping
 * the page's other params (filters).
 */
export function useVmDialogParam() {
  const [params, setParams] = useSearchParams();
  const value = params.get(VM_DIALOG_PARAM) ?? '';
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const current = at > 0 && isDialogKind(kind) ? { kind, name: value.slice(at + 1) } : null;
  const open = useCallback(
    (kind: VmDialogKind, name: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set(VM_DIALOG_PARAM, `${kind}:${name}`);
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete(VM_DIALOG_PARAM);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { current, open, close };
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
 * The items of a VM's "…" menu: Start, Stop, Restart, Migrate, Cancel migration (while one
 * runs), Delete. Each is disabled with its reason when RBAC or the VM's state (`vmCan`) does not
 * allow it. Power actions and Cancel migration run at once (one toast); Migrate and Delete open
 * their dialog through `openDialog`.
 */
export function vmMenuItems(
  t: Translate,
  vm: VmRow,
  rights: VmActionRights,
  openDialog: (kind: VmDialogKind) => void,
): MenuItem[] {
  const { canOp, canDelete, canDeleteOp } = rights;
  const reason = (id: VmActionId, rbac: { allowed: boolean; reason?: MessageKey }) => {
    if (!rbac.allowed) return t(rbac.reason ?? 'common.forbidden');
    const check = vmCan[id](vm);
    return check.allowed ? undefined : t(check.reason ?? 'vm-list.reason.phase.any');
  };
  const power = (action: 'start' | 'stop' | 'restart') => () => {
    runVmAction(vm, action).then(
      () => toast('success', t(`vm-list.done.${action}`, { name: vm.name })),
      (err: unknown) => toast('error', errorText(t, err)),
    );
  };
  const items: MenuItem[] = (['start', 'stop', 'restart'] as const).map((id) => ({
    id,
    label: t(`vm-list.action.${id}`),
    onSelect: power(id),
    disabledReason: reason(id, canOp),
  }));
  items.push({
    id: 'migrate',
    label: t('vm-list.action.migrate'),
    onSelect: () => openDialog('migrate'),
    disabledReason: reason('migrate', canOp),
  });
  const migration = runningMigration(vm);
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
    onSelect: () => openDialog('delete'),
    disabledReason: reason('delete', canDelete),
    danger: true,
  });
  return items;
}

/** The Migrate or Delete dialog of one VM. */
export function VmDialog({
  kind,
  vm,
  onClose,
}: {
  kind: VmDialogKind;
  vm: VmRow;
  onClose: () => void;
}) {
  return kind === 'migrate' ? (
    <MigrateDialog vm={vm} open onClose={onClose} />
  ) : (
    <VmDeleteDialog vm={vm} onClose={onClose} />
  );
}

/** The "…" menu of one VM (the VM page), with its dialogs. */
export function VmActionsMenu({ vm }: { vm: VmRow }) {
  return <VmActionsMenuFor vm={vm} rights={useVmActionRights(vm.namespace)} />;
}

/** The menu with rights checked by the caller. */
export function VmActionsMenuFor({ vm, rights }: { vm: VmRow; rights: VmActionRights }) {
  const t = useT();
  const dialog = useVmDialogParam();
  const items = vmMenuItems(t, vm, rights, (kind) => dialog.open(kind, vm.name));
  const open = dialog.current?.name === vm.name ? dialog.current.kind : null;
  return (
    <>
      <Menu label={t('vm-list.menu', { name: vm.name })} items={items} trigger="⋯" />
      {open ? <VmDialog kind={open} vm={vm} onClose={dialog.close} /> : null}
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
