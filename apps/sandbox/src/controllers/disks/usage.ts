/**
 * Who uses a VirtualDisk: VMs naming it in `spec.blockDeviceRefs` and VMBDAs attaching it.
 * Shared by the disk controller (attachments, WaitForFirstConsumer, deletion) and the snapshot
 * controllers (consistency).
 */
import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import { REF, phaseOf, vmDiskNames, type Obj } from './common.ts';

const BY_DISK = 'disks:virtualDisk';

/** VM phases in which a VM's disks count as mounted. */
export const MOUNTED_PHASES = new Set(['Running', 'Migrating', 'Starting', 'Stopping', 'Pause']);

/** A VM using a disk, and how. */
export interface DiskUser {
  vmName: string;
  vm: Obj | undefined;
  /** Set when the use is through a VMBDA. */
  vmbda?: Obj;
  mounted: boolean;
}

function vmbdaDisk(o: Obj): string | undefined {
  const ref = o.spec?.blockDeviceRef as { kind?: string; name?: string } | undefined;
  return ref?.kind === 'VirtualDisk' && ref.name ? ref.name : undefined;
}

/** Finds the users of disks from the shared VM and VMBDA informers. */
export class DiskUsage {
  readonly vms: Informer<Obj>;
  readonly vmbdas: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    this.vms = ctx.informers.for<Obj>(REF.vm);
    this.vmbdas = ctx.informers.for<Obj>(REF.vmbda);
    this.vms.addIndex(BY_DISK, (vm) =>
      vmDiskNames(vm).map((d) => `${vm.metadata.namespace ?? ''}/${d}`),
    );
    this.vmbdas.addIndex(BY_DISK, (a) => {
      const d = vmbdaDisk(a);
      return d ? [`${a.metadata.namespace ?? ''}/${d}`] : [];
    });
  }

  /** Disk keys (`ns/name`) an event on a VM or VMBDA concerns (old and new versions). */
  static diskKeysOf(obj: KubeObject): string[] {
    const o = obj as Obj;
    const ns = o.metadata.namespace ?? '';
    if (o.kind === 'VirtualMachineBlockDeviceAttachment') {
      const d = vmbdaDisk(o);
      return d ? [`${ns}/${d}`] : [];
    }
    return vmDiskNames(o).map((d) => `${ns}/${d}`);
  }

  /**
   * Users of the disk `ns/name`: VMs referencing it, and VMBDAs naming it (`attachedOnly`: only
   * VMBDAs in phase Attached).
   */
  usersOf(namespace: string, name: string, opts: { attachedOnly?: boolean } = {}): DiskUser[] {
    const key = `${namespace}/${name}`;
    const out = new Map<string, DiskUser>();
    for (const vm of this.vms.byIndex(BY_DISK, key)) {
      const vmName = vm.metadata.name ?? '';
      out.set(vmName, { vmName, vm, mounted: MOUNTED_PHASES.has(phaseOf(vm)) });
    }
    for (const a of this.vmbdas.byIndex(BY_DISK, key)) {
      if (opts.attachedOnly && phaseOf(a) !== 'Attached') continue;
      const vmName = (a.spec?.virtualMachineName as string | undefined) ?? '';
      if (!vmName || out.has(vmName)) continue;
      const vm = this.vms.get(vmName, namespace);
      out.set(vmName, {
        vmName,
        vm,
        vmbda: a,
        mounted: phaseOf(a) === 'Attached' && MOUNTED_PHASES.has(phaseOf(vm)),
      });
    }
    return [...out.values()].sort((a, b) => a.vmName.localeCompare(b.vmName));
  }
}
