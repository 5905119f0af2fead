/**
 * The VirtualDiskSnapshot controller: a qcow2 copy of a disk's volume at
 * `paths.snapshotFile(ns, volumeSnapshotName)`. Consistent when the disk is detached or its VM
 * is off; for a running VM the guest filesystems are frozen through qemu-ga around the copy,
 * unless `requiredConsistency: false` (then the copy is taken as is and marked inconsistent).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { guestDiskId } from '../../storage/resolve.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import { BackgroundTasks } from '../runtime/tasks.ts';
import { chooseSnapshotClass, provisionerOf } from './classes.ts';
import {
  REF,
  condition,
  conditionsOf,
  mergeConditions,
  moveIntoPlace,
  patchStatusIfChanged,
  phaseOf,
  removeFileDir,
  str,
  type Condition,
  type Obj,
} from './common.ts';
import { DiskUsage } from './usage.ts';
import { scratchFile } from './vd-work.ts';
import { convertToQcow2 } from './volume.ts';

const FINALIZER = 'virtualization.deckhouse.io/vds-cleanup';
const BY_DISK = 'disks:snapshotDisk';

/** Running guests' freezes are serialised per VM (one freeze at a time). */
const vmLocks = new Map<string, Promise<unknown>>();
function withVmLock<T>(vmUid: string, fn: () => Promise<T>): Promise<T> {
  const prev = vmLocks.get(vmUid) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  vmLocks.set(
    vmUid,
    next.catch(() => undefined),
  );
  return next;
}

interface SnapshotResult {
  consistent: boolean;
}

/** Reconciles VirtualDiskSnapshots. */
export class VirtualDiskSnapshotController extends Controller {
  private snaps!: Informer<Obj>;
  private disks!: Informer<Obj>;
  private classes!: Informer<Obj>;
  private snapshotClasses!: Informer<Obj>;
  private usage!: DiskUsage;
  private readonly tasks = new BackgroundTasks<SnapshotResult>((k) => this.enqueue(k));

  constructor(ctx: ControllerContext) {
    super(ctx, 'virtualdisksnapshot-controller');
  }

  setup(): void {
    const f = this.ctx.informers;
    this.snaps = f.for<Obj>(REF.vds);
    this.disks = f.for<Obj>(REF.vd);
    this.classes = f.for<Obj>(REF.storageClass);
    this.snapshotClasses = f.for<Obj>(REF.snapshotClass);
    this.usage = new DiskUsage(this.ctx);
    this.snaps.addIndex(BY_DISK, (s) => [
      `${s.metadata.namespace ?? ''}/${str(s.spec?.virtualDiskName)}`,
    ]);
    this.snaps.addHandler(this.self());
    const forDisk = (key: string) =>
      this.snaps.byIndex(BY_DISK, key).forEach((s) => this.enqueue(s));
    const onDisk = (d: Obj) => forDisk(`${d.metadata.namespace ?? ''}/${d.metadata.name ?? ''}`);
    this.disks.addHandler({ add: onDisk, update: onDisk, delete: onDisk });
    const onUser = (o: Obj) => DiskUsage.diskKeysOf(o).forEach(forDisk);
    this.usage.vms.addHandler({ add: onUser, update: onUser, delete: onUser });
    this.usage.vmbdas.addHandler({ add: onUser, update: onUser, delete: onUser });
    const all = () => this.snaps.list().forEach((s) => this.enqueue(s));
    this.snapshotClasses.addHandler({ add: all, update: all, delete: all });
  }

  private async write(snap: Obj, fields: Record<string, unknown>, conds: Condition[]) {
    await patchStatusIfChanged(this.ctx.client, REF.vds, snap, {
      ...fields,
      conditions: mergeConditions(conditionsOf(snap), conds),
    });
  }

  private fileOf(snap: Obj): string {
    return this.ctx.paths.snapshotFile(
      snap.metadata.namespace ?? '',
      `vds-${snap.metadata.uid ?? ''}`,
    );
  }

  async reconcile(key: string): Promise<void> {
    const snap = this.snaps.getByKey(key);
    if (!snap) return this.tasks.cancel(key);
    if (snap.metadata.deletionTimestamp) {
      await this.tasks.cancel(key);
      await removeFileDir(this.fileOf(snap));
      await this.ctx.client.removeFinalizer(REF.vds, snap, FINALIZER);
      return;
    }
    await this.ctx.client.addFinalizer(REF.vds, snap, FINALIZER);
    const phase = phaseOf(snap);
    if (phase === 'Ready' || phase === 'Failed' || this.tasks.has(key)) return;
    const done = this.tasks.peekResult(key);
    if (done) {
      if (done.ok)
        await this.write(snap, { phase: 'Ready', consistent: done.value.consistent }, [
          condition(snap, 'VirtualDiskSnapshotReady', 'True', 'VirtualDiskSnapshotReady', ''),
        ]);
      else
        await this.write(snap, { phase: 'Failed' }, [
          condition(
            snap,
            'VirtualDiskSnapshotReady',
            'False',
            'VirtualDiskSnapshotFailed',
            `snapshotting failed: ${done.error.message}`,
          ),
        ]);
      this.tasks.takeResult(key);
      return;
    }
    await this.start(key, snap);
  }

  private async waiting(snap: Obj, reason: string, message: string) {
    await this.write(snap, { phase: 'Pending' }, [
      condition(snap, 'VirtualDiskReady', 'False', 'VirtualDiskNotReadyForSnapshotting', message),
      condition(snap, 'VirtualDiskSnapshotReady', 'False', reason, message),
    ]);
  }

  private async start(key: string, snap: Obj): Promise<void> {
    const ns = snap.metadata.namespace ?? '';
    const diskName = str(snap.spec?.virtualDiskName);
    const disk = this.disks.get(diskName, ns);
    if (!disk)
      return this.waiting(
        snap,
        'WaitingForTheVirtualDisk',
        `VirtualDisk ${diskName} not found: create it or fix spec.virtualDiskName`,
      );
    if (phaseOf(disk) !== 'Ready')
      return this.waiting(
        snap,
        'WaitingForTheVirtualDisk',
        `VirtualDisk ${diskName} is ${phaseOf(disk) || 'Pending'}: the snapshot is taken once it is Ready`,
      );
    const sc = this.classes.get(str(disk.status?.storageClassName));
    const vsc = chooseSnapshotClass(
      this.snapshotClasses,
      provisionerOf(sc),
      snap.spec?.volumeSnapshotClassName as string | undefined,
    );
    if (!vsc.ok)
      return this.write(snap, { phase: 'Failed' }, [
        condition(
          snap,
          'VirtualDiskSnapshotReady',
          'False',
          'VirtualDiskSnapshotFailed',
          vsc.message,
        ),
      ]);
    const pvc = (disk.status?.target as { persistentVolumeClaimName?: string } | undefined)
      ?.persistentVolumeClaimName;
    const source = pvc ? this.ctx.paths.volumeFile(ns, pvc) : '';
    if (!source || !existsSync(source))
      return this.waiting(
        snap,
        'WaitingForTheVirtualDisk',
        `VirtualDisk ${diskName} has no volume yet`,
      );

    const diskId = guestDiskId('VirtualDisk', diskName);
    const running = this.usage
      .usersOf(ns, diskName)
      .map((u) => ({
        u,
        loc: u.vm?.metadata.uid ? this.ctx.nodes.locate(u.vm.metadata.uid) : undefined,
      }))
      .filter((r) => r.loc?.guest.spec.disks.some((d) => d.id === diskId));
    const required = snap.spec?.requiredConsistency !== false;
    const guest = running[0]?.loc?.guest;
    const vmName = running[0]?.u.vmName ?? '';
    let freeze = false;
    if (guest && required) {
      try {
        await guest.agent.ping(3000);
        freeze = true;
      } catch {
        this.enqueueAfter(key, 5000);
        const message = `VirtualDisk ${diskName} is attached to the running VirtualMachine ${vmName} and its guest agent does not answer, so the filesystems cannot be frozen for a consistent snapshot: run qemu-guest-agent in the guest, stop the VM, or set spec.requiredConsistency: false`;
        return this.waiting(snap, 'PotentiallyInconsistent', message);
      }
    }
    const volumeSnapshotName = `vds-${snap.metadata.uid ?? ''}`;
    const dest = this.fileOf(snap);
    const consistent = !guest || freeze;
    const copy = async (signal: AbortSignal) => {
      const tmp = await scratchFile(this.ctx, 'vds');
      try {
        await convertToQcow2(source, tmp, { shared: true, signal });
      } finally {
        if (freeze) await guest?.agent.fsThaw().catch(() => undefined);
      }
      await moveIntoPlace(tmp, dest);
    };
    this.tasks.start(key, async (signal) => {
      const run = async () => {
        if (freeze) await guest?.agent.fsFreeze();
        try {
          await copy(signal);
        } catch (e) {
          await rm(dest, { force: true });
          throw e;
        }
      };
      const uid = running[0]?.u.vm?.metadata.uid;
      await (uid ? withVmLock(uid, run) : run());
      return { consistent };
    });
    await this.write(snap, { phase: 'InProgress', volumeSnapshotName, consistent }, [
      condition(snap, 'VirtualDiskReady', 'True', 'VirtualDiskReady', ''),
      condition(
        snap,
        'VirtualDiskSnapshotReady',
        'False',
        freeze ? 'FileSystemFreezing' : 'Snapshotting',
        freeze
          ? `freezing the filesystems of VirtualMachine ${vmName} and copying the disk`
          : 'copying the disk',
      ),
    ]);
  }

  override async stop(): Promise<void> {
    await this.tasks.cancelAll();
    await super.stop();
  }
}
