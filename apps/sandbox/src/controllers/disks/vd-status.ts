/**
 * Status pieces every VirtualDisk reconcile writes (who uses the disk, snapshots in progress),
 * and the deletion of a disk.
 */
import type { Informer } from '../runtime/informer.ts';
import {
  REF,
  condition,
  conditionsOf,
  mergeConditions,
  patchStatusIfChanged,
  phaseOf,
  removeFileDir,
  type Condition,
  type Obj,
} from './common.ts';
import type { VirtualDiskController } from './virtual-disk.ts';

/** The finalizer that removes a disk's volume and PVC. */
export const VD_FINALIZER = 'virtualization.deckhouse.io/vd-cleanup';

/** The informers the disk controller reads. */
export interface DiskInformers {
  vd: Informer<Obj>;
  vi: Informer<Obj>;
  cvi: Informer<Obj>;
  vds: Informer<Obj>;
  classes: Informer<Obj>;
  moduleConfigs: Informer<Obj>;
}

/** `Kind/ns/name` of a disk's objectRef source (namespace empty for cluster images). */
export function sourceKeyOf(disk: Obj): string | undefined {
  const ds = disk.spec?.dataSource as
    { type?: string; objectRef?: { kind?: string; name?: string } } | undefined;
  const ref = ds?.type === 'ObjectRef' ? ds.objectRef : undefined;
  if (!ref?.kind || !ref.name) return undefined;
  const ns = ref.kind === 'ClusterVirtualImage' ? '' : (disk.metadata.namespace ?? '');
  return `${ref.kind}/${ns}/${ref.name}`;
}

/** Status fields and conditions describing who uses the disk and snapshots in progress. */
export function usageStatus(
  ctrl: VirtualDiskController,
  disk: Obj,
): { fields: Record<string, unknown>; conditions: Condition[]; remove: string[] } {
  const ns = disk.metadata.namespace ?? '';
  const name = disk.metadata.name ?? '';
  const users = ctrl.usage.usersOf(ns, name);
  const names = users.map((u) => u.vmName).join(', ');
  const conditions = [
    users.length
      ? condition(
          disk,
          'InUse',
          'True',
          'AttachedToVirtualMachine',
          `the disk is used by VirtualMachine ${names}`,
        )
      : condition(disk, 'InUse', 'False', 'NotInUse', 'the disk is not used by any VirtualMachine'),
  ];
  const remove: string[] = [];
  const running = ctrl.inf.vds
    .list(ns)
    .filter((s) => s.spec?.virtualDiskName === name && phaseOf(s) === 'InProgress')
    .map((s) => s.metadata.name ?? '');
  if (running.length)
    conditions.push(
      condition(
        disk,
        'Snapshotting',
        'True',
        'Snapshotting',
        `VirtualDiskSnapshot ${running.join(', ')} in progress`,
      ),
    );
  else remove.push('Snapshotting');
  return {
    fields: {
      attachedToVirtualMachines: users.length
        ? users.map((u) => ({ name: u.vmName, mounted: u.mounted }))
        : null,
    },
    conditions,
    remove,
  };
}

/**
 * Writes a disk's status: `fields` plus usage, with `conditions` merged in and `remove` dropped.
 */
export async function writeDiskStatus(
  ctrl: VirtualDiskController,
  disk: Obj,
  fields: Record<string, unknown>,
  conditions: Condition[],
  remove: string[] = [],
): Promise<void> {
  const usage = usageStatus(ctrl, disk);
  await patchStatusIfChanged(ctrl.context.client, REF.vd, disk, {
    ...usage.fields,
    ...fields,
    conditions: mergeConditions(
      conditionsOf(disk),
      [...usage.conditions, ...conditions],
      [...usage.remove, ...remove],
    ),
  });
}

/**
 * Deletes a disk unless a VM still uses it (then it stays Terminating and says which VMs):
 * cancels its work, removes the volume file and the PVC, then the finalizer. True when done.
 */
export async function finalizeDisk(
  ctrl: VirtualDiskController,
  key: string,
  disk: Obj,
): Promise<boolean> {
  if (!(disk.metadata.finalizers ?? []).includes(VD_FINALIZER)) return true;
  const ns = disk.metadata.namespace ?? '';
  const users = ctrl.usage.usersOf(ns, disk.metadata.name ?? '', { attachedOnly: true });
  if (users.length) {
    const names = users.map((u) => u.vmName).join(', ');
    await writeDiskStatus(ctrl, disk, { phase: 'Terminating' }, [
      condition(
        disk,
        'Terminating',
        'True',
        'CleanupPending',
        `the disk is still used by VirtualMachine ${names}: remove it from the VM's spec.blockDeviceRefs (or delete its VirtualMachineBlockDeviceAttachment or the VM) to complete the deletion`,
      ),
    ]);
    return false;
  }
  await ctrl.tasks.cancel(key);
  const file = ctrl.volumeFile(disk);
  if (file) await removeFileDir(file);
  const pvc = (disk.status?.target as { persistentVolumeClaimName?: string } | undefined)
    ?.persistentVolumeClaimName;
  if (pvc) await ctrl.context.client.delete(REF.pvc, pvc, ns);
  await ctrl.context.client.removeFinalizer(REF.vd, disk, VD_FINALIZER);
  return true;
}
