/**
 * The VirtualDisk controller: provisions a disk's qcow2 volume (blank, from an image, from a
 * snapshot), honours WaitForFirstConsumer classes, grows disks offline or online, reports who
 * uses a disk, and keeps a disk that a VM still uses from being deleted.
 */
import { existsSync } from 'node:fs';
import { imageInfo } from '@dvp/hypervisor-agent/images/qemu-img';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import { BackgroundTasks } from '../runtime/tasks.ts';
import { REF, phaseOf, type Obj } from './common.ts';
import { DiskUsage } from './usage.ts';
import { finalizeDisk, sourceKeyOf, VD_FINALIZER, type DiskInformers } from './vd-status.ts';
import { reconcileProvisioned, reconcileUnprovisioned } from './vd-reconcile.ts';

/** What a finished disk task reports. */
export interface DiskTaskResult {
  kind: 'provision' | 'resize';
  virtualSize: number;
  /** For resize: the size asked for. */
  requested?: number;
}

const BY_SOURCE = 'disks:source';

/** Reconciles VirtualDisks. */
export class VirtualDiskController extends Controller {
  inf!: DiskInformers;
  usage!: DiskUsage;
  readonly tasks = new BackgroundTasks<DiskTaskResult>((key) => this.enqueue(key));
  /** Virtual sizes of provisioned volumes (saves a qemu-img run per reconcile). */
  readonly sizes = new Map<string, number>();
  /** Sizes a resize failed for, per disk (not retried until the request changes). */
  readonly failedResizes = new Map<string, number>();

  constructor(readonly context: ControllerContext) {
    super(context, 'virtualdisk-controller');
  }

  setup(): void {
    const f = this.ctx.informers;
    const vds = f.for<Obj>(REF.vd);
    this.inf = {
      vd: vds,
      vi: f.for<Obj>(REF.vi),
      cvi: f.for<Obj>(REF.cvi),
      vds: f.for<Obj>(REF.vds),
      classes: f.for<Obj>(REF.storageClass),
      moduleConfigs: f.for<Obj>(REF.moduleConfig),
    };
    this.usage = new DiskUsage(this.ctx);
    vds.addIndex(BY_SOURCE, (d) => {
      const k = sourceKeyOf(d);
      return k ? [k] : [];
    });
    vds.addHandler(this.self());
    const bySource = (kind: string) => (o: Obj) => {
      const k = `${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
      for (const d of vds.byIndex(BY_SOURCE, k)) this.enqueue(d);
    };
    this.inf.vi.addHandler(handlers(bySource('VirtualImage')));
    this.inf.cvi.addHandler(handlers(bySource('ClusterVirtualImage')));
    const snapSource = bySource('VirtualDiskSnapshot');
    this.inf.vds.addHandler(
      handlers((s: Obj) => {
        snapSource(s);
        const disk = s.spec?.virtualDiskName as string | undefined;
        if (disk) this.enqueue(`${s.metadata.namespace ?? ''}/${disk}`);
      }),
    );
    const users = {
      add: (o: Obj) => DiskUsage.diskKeysOf(o).forEach((k) => this.enqueue(k)),
      update: (o: Obj, old: Obj) =>
        [...DiskUsage.diskKeysOf(o), ...DiskUsage.diskKeysOf(old)].forEach((k) => this.enqueue(k)),
      delete: (o: Obj) => DiskUsage.diskKeysOf(o).forEach((k) => this.enqueue(k)),
    };
    this.usage.vms.addHandler(users);
    this.usage.vmbdas.addHandler(users);
    const all = () => vds.list().forEach((d) => this.enqueue(d));
    this.inf.classes.addHandler(handlers(all));
    this.inf.moduleConfigs.addHandler(handlers(all));
  }

  async reconcile(key: string): Promise<void> {
    const disk = this.inf.vd.getByKey(key);
    if (!disk) {
      await this.tasks.cancel(key);
      this.sizes.delete(key);
      this.failedResizes.delete(key);
      return;
    }
    if (disk.metadata.deletionTimestamp) {
      if (await finalizeDisk(this, key, disk)) {
        this.sizes.delete(key);
        this.failedResizes.delete(key);
      }
      return;
    }
    await this.ctx.client.addFinalizer(REF.vd, disk, VD_FINALIZER);
    const file = this.volumeFile(disk);
    if (file && existsSync(file) && phaseOf(disk) !== 'Provisioning') {
      await reconcileProvisioned(this, key, disk, file);
    } else {
      await reconcileUnprovisioned(this, key, disk);
    }
  }

  /** The disk's volume file, once it has a PVC name. */
  volumeFile(disk: Obj): string | undefined {
    const pvc = (disk.status?.target as { persistentVolumeClaimName?: string } | undefined)
      ?.persistentVolumeClaimName;
    return pvc ? this.ctx.paths.volumeFile(disk.metadata.namespace ?? '', pvc) : undefined;
  }

  /** The virtual size of a provisioned volume (cached). */
  async sizeOf(key: string, file: string): Promise<number> {
    const known = this.sizes.get(key);
    if (known !== undefined) return known;
    const size = (await imageInfo(file, { shared: true })).virtualSize;
    this.sizes.set(key, size);
    return size;
  }

  override async stop(): Promise<void> {
    await this.tasks.cancelAll();
    await super.stop();
  }
}

function handlers<T>(fn: (o: T) => void) {
  return { add: fn, update: fn, delete: fn };
}

export type { Informer };
