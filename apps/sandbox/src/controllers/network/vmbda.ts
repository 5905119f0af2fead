import type { KubeObject } from '../../apiserver/types.ts';
import { diskFileOf, guestDiskId, imageFileOf } from '../../storage/resolve.ts';
import { refOf } from '../runtime/client.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { splitKey, type Informer } from '../runtime/informer.ts';
import { BackgroundTasks } from '../runtime/tasks.ts';
import { DVP, VM_REF, phaseOf, sameStatus, withConditions, type Condition } from './common.ts';

const VMBDA_REF = refOf(DVP, 'VirtualMachineBlockDeviceAttachment');
const KIND_REFS = {
  VirtualDisk: refOf(DVP, 'VirtualDisk'),
  VirtualImage: refOf(DVP, 'VirtualImage'),
  ClusterVirtualImage: refOf(DVP, 'ClusterVirtualImage'),
} as const;
type DeviceKind = keyof typeof KIND_REFS;
/** DVP's VMBDA finalizer. */
export const VMBDA_FINALIZER = 'virtualization.deckhouse.io/vmbda-cleanup';
/** Block devices per VM, spec and hot-plugged together (dvp-api.md §4, §8). */
export const MAX_DEVICES = 16;

interface Spec {
  blockDeviceRef: { kind?: DeviceKind; name?: string };
  virtualMachineName: string;
}
const specOf = (b: KubeObject) => b.spec as Spec;
const cond = (type: string, ok: boolean, reason: string, message = ''): Condition => ({
  type,
  status: ok ? 'True' : 'False',
  reason,
  message,
});

/**
 * VirtualMachineBlockDeviceAttachment: hot-plugs a Ready disk or image into the running guest
 * of its VM (`agent.hotplugDisk`, device id `vd-<name>`/`vi-<name>`/`cvi-<name>`): Pending →
 * InProgress → Attached; `Failed` with `Conflict` when the VM already has the device; waits with
 * `VirtualMachineReady=False` while the VM is not running. Deleting it unplugs the device, then
 * drops the finalizer. A VM that restarts brings Attached devices back itself (VM controller).
 */
export class VmbdaController extends Controller {
  private vmbdas!: Informer;
  private vms!: Informer;
  private readonly devices: Record<DeviceKind, Informer> = {} as Record<DeviceKind, Informer>;
  private readonly tasks = new BackgroundTasks<void>((key) => this.enqueue(key));

  constructor(ctx: ControllerContext) {
    super(ctx, 'vmbda');
  }

  setup(): void {
    this.vmbdas = this.ctx.informers.for(VMBDA_REF);
    this.vms = this.ctx.informers.for(VM_REF);
    this.vmbdas.addHandler(this.self());
    const byVm = (vm: KubeObject) => {
      for (const b of this.vmbdas.list(vm.metadata.namespace))
        if (specOf(b).virtualMachineName === vm.metadata.name) this.enqueue(b);
    };
    this.vms.addHandler({ add: byVm, update: byVm, delete: byVm });
    for (const kind of Object.keys(KIND_REFS) as DeviceKind[]) {
      const inf = this.ctx.informers.for(KIND_REFS[kind]);
      this.devices[kind] = inf;
      const byDevice = (d: KubeObject) => {
        for (const b of this.vmbdas.list(d.metadata.namespace || undefined)) {
          const r = specOf(b).blockDeviceRef;
          if (r.kind === kind && r.name === d.metadata.name) this.enqueue(b);
        }
      };
      inf.addHandler({ add: byDevice, update: byDevice, delete: byDevice });
    }
  }

  override async stop(): Promise<void> {
    await this.tasks.cancelAll();
    await super.stop();
  }

  private guestOf(vm: KubeObject | undefined) {
    return vm ? this.ctx.nodes.locate(vm.metadata.uid ?? '') : undefined;
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const b = this.vmbdas.get(name, namespace);
    if (!b) return;
    const spec = specOf(b);
    const kind = spec.blockDeviceRef.kind ?? 'VirtualDisk';
    const devName = spec.blockDeviceRef.name ?? '';
    const id = guestDiskId(kind, devName);
    const vm = this.vms.get(spec.virtualMachineName, namespace);
    const located = this.guestOf(vm);
    const plugged = located?.guest.spec.disks.some((d) => d.id === id) ?? false;
    const finalizers = b.metadata.finalizers ?? [];

    if (b.metadata.deletionTimestamp) {
      if (!finalizers.includes(VMBDA_FINALIZER)) return;
      const owned = phaseOf(b) === 'Attached' || phaseOf(b) === 'InProgress';
      if (plugged && owned && located) {
        const result = this.tasks.takeResult(key);
        if (result && !result.ok) console.error(`[vmbda] ${key}: unplug: ${result.error.message}`);
        this.tasks.start(key, () => located.agent.unplugDisk(located.guest.id, id));
        if (phaseOf(b) !== 'Terminating') {
          await this.ctx.client.patchStatus(VMBDA_REF, b, {
            phase: 'Terminating',
            conditions: withConditions(b, [
              cond('Terminating', true, 'DetachPending', `Detaching ${kind} "${devName}".`),
            ]),
          });
        }
        return;
      }
      if (this.tasks.has(key)) return;
      await this.ctx.client.removeFinalizer(VMBDA_REF, b, VMBDA_FINALIZER);
      return;
    }
    if (!finalizers.includes(VMBDA_FINALIZER)) {
      await this.ctx.client.addFinalizer(VMBDA_REF, b, VMBDA_FINALIZER);
      return;
    }
    await this.writeStatus(b, this.evaluate(b, vm, kind, devName, id, plugged, located));
  }

  private evaluate(
    b: KubeObject,
    vm: KubeObject | undefined,
    kind: DeviceKind,
    devName: string,
    id: string,
    plugged: boolean,
    located: ReturnType<VmbdaController['guestOf']>,
  ): { phase: string; conditions: Condition[] } {
    const key = `${b.metadata.namespace}/${b.metadata.name}`;
    const ns = b.metadata.namespace ?? '';
    const spec = specOf(b);
    const device = this.devices[kind].get(devName, kind === 'ClusterVirtualImage' ? undefined : ns);
    const file =
      device && phaseOf(device) === 'Ready'
        ? kind === 'VirtualDisk'
          ? diskFileOf(this.ctx.paths, device)
          : imageFileOf(this.ctx.paths, device)
        : undefined;
    const deviceCond = file
      ? cond('BlockDeviceReady', true, 'BlockDeviceReady')
      : cond(
          'BlockDeviceReady',
          false,
          'BlockDeviceNotReady',
          device
            ? `${kind} "${devName}" is ${phaseOf(device) || 'not ready'}; waiting for it to be Ready.`
            : `${kind} "${devName}" not found; create it or fix spec.blockDeviceRef.`,
        );
    const vmPhase = phaseOf(vm);
    const vmCond = !vm
      ? cond(
          'VirtualMachineReady',
          false,
          'VirtualMachineNotReady',
          `VirtualMachine "${spec.virtualMachineName}" not found.`,
        )
      : vmPhase === 'Running' && located
        ? cond('VirtualMachineReady', true, 'VirtualMachineReady')
        : cond(
            'VirtualMachineReady',
            false,
            'VirtualMachineNotReady',
            `VirtualMachine "${spec.virtualMachineName}" is ${vmPhase || 'not running'}; the device is attached once it runs.`,
          );
    // Conflicts: the device in the VM's spec, or an older attachment of the same device.
    const refs =
      (vm?.spec as { blockDeviceRefs?: { kind: string; name: string }[] } | undefined)
        ?.blockDeviceRefs ?? [];
    const siblings = this.vmbdas
      .list(ns)
      .filter(
        (o) =>
          o !== b &&
          !o.metadata.deletionTimestamp &&
          specOf(o).virtualMachineName === spec.virtualMachineName &&
          phaseOf(o) !== 'Failed',
      );
    const inSpec = refs.some((r) => r.kind === kind && r.name === devName);
    const older = siblings.find(
      (o) =>
        specOf(o).blockDeviceRef.kind === kind &&
        specOf(o).blockDeviceRef.name === devName &&
        (o.metadata.creationTimestamp ?? '') <= (b.metadata.creationTimestamp ?? ''),
    );
    const count = refs.length + siblings.length + 1;
    const capacity =
      count <= MAX_DEVICES
        ? cond('DiskAttachmentCapacityAvailable', true, 'CapacityAvailable')
        : cond(
            'DiskAttachmentCapacityAvailable',
            false,
            'CapacityReached',
            `VirtualMachine "${spec.virtualMachineName}" would have ${count} block devices; at most ${MAX_DEVICES} are allowed.`,
          );
    const base = [deviceCond, vmCond, capacity];
    if (inSpec || older) {
      const why = inSpec
        ? `${kind} "${devName}" is already attached through the VirtualMachine's spec.blockDeviceRefs.`
        : `${kind} "${devName}" is already attached by VirtualMachineBlockDeviceAttachment "${older?.metadata.name}".`;
      return { phase: 'Failed', conditions: [...base, cond('Attached', false, 'Conflict', why)] };
    }
    if (capacity.status === 'False')
      return {
        phase: 'Failed',
        conditions: [...base, cond('Attached', false, 'NotAttached', capacity.message)],
      };
    const prevAttached = (b.status as { conditions?: Condition[] } | undefined)?.conditions?.find(
      (c) => c.type === 'Attached',
    );
    // A failed hot-plug stays Failed (delete and recreate the attachment to retry).
    if (phaseOf(b) === 'Failed' && prevAttached?.reason === 'NotAttached' && !plugged)
      return { phase: 'Failed', conditions: [...base, prevAttached] };
    if (plugged)
      return { phase: 'Attached', conditions: [...base, cond('Attached', true, 'Attached')] };
    const result = this.tasks.takeResult(key);
    if (result && !result.ok) {
      return {
        phase: 'Failed',
        conditions: [
          ...base,
          cond('Attached', false, 'NotAttached', `Hot-plug failed: ${result.error.message}`),
        ],
      };
    }
    if (!file || vmCond.status === 'False' || !located) {
      // A stopped VM keeps its Attached devices (it brings them back when it starts).
      const keep = phaseOf(b) === 'Attached' && vm && vmPhase !== 'Running';
      return {
        phase: keep ? 'Attached' : 'Pending',
        conditions: [
          ...base,
          keep
            ? cond('Attached', true, 'Attached')
            : cond(
                'Attached',
                false,
                'NotAttached',
                'Waiting for the block device and the virtual machine.',
              ),
        ],
      };
    }
    this.tasks.start(key, () =>
      located.agent.hotplugDisk(located.guest.id, {
        id,
        path: file,
        kind: kind === 'VirtualDisk' ? 'disk' : 'image',
      }),
    );
    return {
      phase: 'InProgress',
      conditions: [
        ...base,
        cond(
          'Attached',
          false,
          'AttachmentRequestSent',
          `Hot-plugging ${kind} "${devName}" into the guest.`,
        ),
      ],
    };
  }

  private async writeStatus(
    b: KubeObject,
    s: { phase: string; conditions: Condition[] },
  ): Promise<void> {
    const status = {
      phase: s.phase,
      virtualMachineName: specOf(b).virtualMachineName,
      conditions: withConditions(b, s.conditions),
      observedGeneration: b.metadata.generation ?? null,
    };
    if (!sameStatus(b, status)) await this.ctx.client.patchStatus(VMBDA_REF, b, status);
  }
}
