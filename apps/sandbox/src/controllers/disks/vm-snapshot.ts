/**
 * The VirtualMachineSnapshot controller: snapshots every VirtualDisk of a VM (VirtualDiskSnapshots
 * owned by the VM snapshot), keeps the VM's IP (an `Auto` VMIP becomes `Static` unless
 * `keepIPAddress: Never`), and stores what a restore needs in a Secret.
 */
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { isAlreadyExists } from '../runtime/client.ts';
import type { Informer } from '../runtime/informer.ts';
import {
  DVP_API,
  REF,
  condition,
  conditionOf,
  conditionsOf,
  mergeConditions,
  ownerRef,
  patchStatusIfChanged,
  phaseOf,
  str,
  vmDiskNames,
  type Condition,
  type Obj,
} from './common.ts';
import type { SnapshotContent } from './restore-plan.ts';

/** Secret key holding the JSON {@link SnapshotContent}. */
export const SNAPSHOT_CONTENT_KEY = 'snapshot.json';

/** Reconciles VirtualMachineSnapshots. */
export class VirtualMachineSnapshotController extends Controller {
  private vmss!: Informer<Obj>;
  private vms!: Informer<Obj>;
  private disks!: Informer<Obj>;
  private snaps!: Informer<Obj>;
  private vmbdas!: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'virtualmachinesnapshot-controller');
  }

  setup(): void {
    const f = this.ctx.informers;
    this.vmss = f.for<Obj>(REF.vms);
    this.vms = f.for<Obj>(REF.vm);
    this.disks = f.for<Obj>(REF.vd);
    this.snaps = f.for<Obj>(REF.vds);
    this.vmbdas = f.for<Obj>(REF.vmbda);
    this.vmss.addHandler(this.self());
    const byNs = (o: Obj) => this.vmss.list(o.metadata.namespace).forEach((s) => this.enqueue(s));
    for (const inf of [this.vms, this.disks, this.snaps])
      inf.addHandler({ add: byNs, update: byNs, delete: byNs });
  }

  private async write(s: Obj, fields: Record<string, unknown>, conds: Condition[]) {
    await patchStatusIfChanged(this.ctx.client, REF.vms, s, {
      ...fields,
      conditions: mergeConditions(conditionsOf(s), conds),
    });
  }

  private pending(s: Obj, reason: string, message: string, vmReady = false) {
    return this.write(s, { phase: 'Pending' }, [
      vmReady
        ? condition(s, 'VirtualMachineReady', 'True', 'VirtualMachineReady', '')
        : condition(
            s,
            'VirtualMachineReady',
            'False',
            'VirtualMachineNotReadyForSnapshotting',
            message,
          ),
      condition(s, 'VirtualMachineSnapshotReady', 'False', reason, message),
    ]);
  }

  async reconcile(key: string): Promise<void> {
    const s = this.vmss.getByKey(key);
    if (!s || s.metadata.deletionTimestamp) return;
    const phase = phaseOf(s);
    if (phase === 'Ready' || phase === 'Failed') return;
    if (phase === 'InProgress') return this.progress(s);
    const ns = s.metadata.namespace ?? '';
    const vmName = str(s.spec?.virtualMachineName);
    const vm = this.vms.get(vmName, ns);
    if (!vm)
      return this.pending(s, 'WaitingForTheVirtualMachine', `VirtualMachine ${vmName} not found`);
    const awaiting = (vm.status?.restartAwaitingChanges ?? []) as { path?: string }[];
    if (awaiting.length)
      return this.pending(
        s,
        'WaitingForTheVirtualMachine',
        `VirtualMachine ${vmName} has changes awaiting a restart (${awaiting.map((c) => c.path ?? '?').join(', ')}): restart the VM (or revert the changes) and the snapshot proceeds`,
      );
    const vmbdas = this.vmbdas
      .list(ns)
      .filter((a) => a.spec?.virtualMachineName === vmName && phaseOf(a) === 'Attached');
    const diskNames = [
      ...new Set([
        ...vmDiskNames(vm),
        ...vmbdas
          .map((a) => a.spec?.blockDeviceRef as { kind?: string; name?: string })
          .filter((r) => r.kind === 'VirtualDisk' && r.name)
          .map((r) => r.name ?? ''),
      ]),
    ];
    for (const d of diskNames) {
      const disk = this.disks.get(d, ns);
      const p = phaseOf(disk);
      if (p !== 'Ready')
        return this.pending(
          s,
          'BlockDevicesNotReady',
          p === 'Resizing'
            ? `VirtualDisk ${d} is being resized: the snapshot is taken once the resize is done`
            : `VirtualDisk ${d} is ${disk ? p || 'Pending' : 'not found'}: every disk of the VM must be Ready`,
          true,
        );
    }
    await this.begin(s, vm, diskNames, vmbdas);
  }

  private async begin(s: Obj, vm: Obj, diskNames: string[], vmbdas: Obj[]): Promise<void> {
    const ns = s.metadata.namespace ?? '';
    const uid8 = (s.metadata.uid ?? '').slice(0, 8);
    const vmip = await this.keepIp(s, vm);
    const content: SnapshotContent = {
      vm: {
        name: vm.metadata.name ?? '',
        ...(vm.metadata.labels ? { labels: vm.metadata.labels } : {}),
        ...(vm.metadata.annotations ? { annotations: vm.metadata.annotations } : {}),
        spec: vm.spec ?? {},
      },
      disks: diskNames.map((d) => {
        const disk = this.disks.get(d, ns);
        return {
          name: d,
          snapshot: `${d}-${uid8}`,
          ...(disk?.status?.capacity ? { size: str(disk.status.capacity) } : {}),
          ...(disk?.status?.storageClassName
            ? { storageClassName: str(disk.status.storageClassName) }
            : {}),
        };
      }),
      ...(vmip ? { vmip } : {}),
      vmbdas: vmbdas.map((a) => ({ name: a.metadata.name ?? '', spec: a.spec ?? {} })),
    };
    const prov = vm.spec?.provisioning as
      { type?: string; userDataRef?: { name?: string } } | undefined;
    if (prov?.type === 'UserDataRef' && prov.userDataRef?.name) {
      const secret = await this.ctx.client.get<Obj>(REF.secret, prov.userDataRef.name, ns);
      if (!secret)
        return this.pending(
          s,
          'BlockDevicesNotReady',
          `the provisioning Secret ${prov.userDataRef.name} of the VM is missing`,
          true,
        );
      content.provisioning = {
        name: prov.userDataRef.name,
        ...(typeof secret.type === 'string' ? { type: secret.type } : {}),
        data: (secret.data ?? {}) as Record<string, string>,
      };
    }
    const secretName = `d8v-vms-${s.metadata.name ?? ''}-${s.metadata.uid ?? ''}`;
    try {
      await this.ctx.client.create(REF.secret, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secretName, namespace: ns, ownerReferences: [ownerRef(s)] },
        type: 'virtualmachinesnapshot.virtualization.deckhouse.io/snapshot',
        data: { [SNAPSHOT_CONTENT_KEY]: Buffer.from(JSON.stringify(content)).toString('base64') },
      });
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
    }
    for (const d of content.disks) {
      try {
        await this.ctx.client.create(REF.vds, {
          apiVersion: DVP_API,
          kind: 'VirtualDiskSnapshot',
          metadata: { name: d.snapshot, namespace: ns, ownerReferences: [ownerRef(s)] },
          spec: {
            virtualDiskName: d.name,
            requiredConsistency: s.spec?.requiredConsistency !== false,
          },
        });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
    const resources = [
      { apiVersion: DVP_API, kind: 'VirtualMachine', name: content.vm.name },
      ...content.disks.map((d) => ({ apiVersion: DVP_API, kind: 'VirtualDisk', name: d.name })),
      ...(content.vmip
        ? [{ apiVersion: DVP_API, kind: 'VirtualMachineIPAddress', name: content.vmip.name }]
        : []),
      ...(content.provisioning
        ? [{ apiVersion: 'v1', kind: 'Secret', name: content.provisioning.name }]
        : []),
      ...content.vmbdas.map((a) => ({
        apiVersion: DVP_API,
        kind: 'VirtualMachineBlockDeviceAttachment',
        name: a.name,
      })),
    ];
    await this.write(
      s,
      {
        phase: 'InProgress',
        virtualDiskSnapshotNames: content.disks.map((d) => d.snapshot),
        virtualMachineSnapshotSecretName: secretName,
        resources,
      },
      [
        condition(s, 'VirtualMachineReady', 'True', 'VirtualMachineReady', ''),
        condition(
          s,
          'VirtualMachineSnapshotReady',
          'False',
          'Snapshotting',
          'snapshotting the disks of the VM',
        ),
      ],
    );
  }

  /** The VM's VMIP for the snapshot; `Auto` becomes `Static` unless keepIPAddress is Never. */
  private async keepIp(s: Obj, vm: Obj): Promise<SnapshotContent['vmip']> {
    const ns = s.metadata.namespace ?? '';
    const name =
      str(vm.status?.virtualMachineIPAddressName) || str(vm.spec?.virtualMachineIPAddressName);
    if (!name) return undefined;
    const vmip = await this.ctx.client.get<Obj>(REF.vmip, name, ns);
    if (!vmip) return undefined;
    const address = str(vmip.status?.address) || str(vmip.spec?.staticIP);
    let type = str(vmip.spec?.type) || 'Auto';
    if (type === 'Auto' && address && s.spec?.keepIPAddress !== 'Never') {
      await this.ctx.client.patch(REF.vmip, name, ns, {
        spec: { type: 'Static', staticIP: address },
      });
      type = 'Static';
    }
    return { name, type, ...(address && type === 'Static' ? { address } : {}) };
  }

  private async progress(s: Obj): Promise<void> {
    const ns = s.metadata.namespace ?? '';
    const names = (s.status?.virtualDiskSnapshotNames ?? []) as string[];
    const snaps = names.map((n) => ({ n, snap: this.snaps.get(n, ns) }));
    const failed = snaps.find((x) => phaseOf(x.snap) === 'Failed');
    if (failed) {
      const why = conditionOf(failed.snap, 'VirtualDiskSnapshotReady')?.message ?? '';
      return this.write(s, { phase: 'Failed' }, [
        condition(
          s,
          'VirtualMachineSnapshotReady',
          'False',
          'VirtualMachineSnapshotFailed',
          `VirtualDiskSnapshot ${failed.n} failed: ${why}`,
        ),
      ]);
    }
    const lost = snaps.find((x) => !x.snap);
    if (lost) return;
    const waiting = snaps.find((x) => phaseOf(x.snap) !== 'Ready');
    if (waiting) {
      const c = conditionOf(waiting.snap, 'VirtualDiskSnapshotReady');
      if (c?.reason === 'PotentiallyInconsistent')
        await this.write(s, {}, [
          condition(
            s,
            'VirtualMachineSnapshotReady',
            'False',
            'PotentiallyInconsistent',
            c.message,
          ),
        ]);
      return;
    }
    const consistent = snaps.every((x) => x.snap?.status?.consistent === true);
    await this.write(s, { phase: 'Ready', consistent }, [
      condition(s, 'VirtualMachineSnapshotReady', 'True', 'VirtualMachineSnapshotReady', ''),
    ]);
  }
}
