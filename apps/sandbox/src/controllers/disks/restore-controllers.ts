/**
 * Controllers that restore from VM snapshots: VirtualMachineRestore (seed 004), VMOP `Restore`
 * (in place) and `Clone` (a new VM from a live one).
 */
import type { ControllerContext } from '../runtime/context.ts';
import { isAlreadyExists } from '../runtime/client.ts';
import { DVP_API, REF, condition, ownerRef, phaseOf, str } from './common.ts';
import { vmIsStopped } from './restore-exec.ts';
import { renameOf, type Renames } from './restore-plan.ts';
import { runRestore, type RunMode } from './restore-run.ts';
import { cloneRenames, SnapshotUser } from './restore-base.ts';

/** VirtualMachineRestore: restore a snapshot into new (renamed) or overwritten resources. */
export class VirtualMachineRestoreController extends SnapshotUser {
  constructor(ctx: ControllerContext) {
    super(ctx, 'virtualmachinerestore-controller', REF.vmrestore);
  }

  async reconcile(key: string): Promise<void> {
    const r = this.own.getByKey(key);
    if (!r || r.metadata.deletionTimestamp) return;
    if (['Ready', 'Failed'].includes(phaseOf(r))) return;
    const ns = r.metadata.namespace ?? '';
    const snapName = str(r.spec?.virtualMachineSnapshotName);
    const snap = this.snapshots.get(snapName, ns);
    const ready = (reason: string, msg: string) =>
      this.write(r, { phase: 'Pending' }, [
        condition(r, 'VirtualMachineSnapshotReadyToUse', 'False', reason, msg),
        condition(
          r,
          'VirtualMachineRestoreReady',
          'False',
          'VirtualMachineSnapshotNotReadyToUse',
          msg,
        ),
      ]);
    if (!snap)
      return ready(
        'VirtualMachineSnapshotNotFound',
        `VirtualMachineSnapshot ${snapName} not found`,
      );
    if (phaseOf(snap) !== 'Ready')
      return ready(
        'VirtualMachineSnapshotNotReady',
        `VirtualMachineSnapshot ${snapName} is ${phaseOf(snap) || 'Pending'}, not Ready`,
      );
    const snapReady = condition(
      r,
      'VirtualMachineSnapshotReadyToUse',
      'True',
      'VirtualMachineSnapshotReadyToUse',
      '',
    );
    const mode = (str(r.spec?.restoreMode) || 'Safe') as RunMode;
    const renames: Renames = {
      replacements: (r.spec?.nameReplacements ?? []) as Renames['replacements'],
    };
    if (mode === 'Forced') {
      const vmName = str(
        ((snap.status?.resources ?? []) as { kind?: string; name?: string }[]).find(
          (x) => x.kind === 'VirtualMachine',
        )?.name,
      );
      const vm = this.vms.get(renameOf(renames, 'VirtualMachine', vmName), ns);
      if (vm && !vmIsStopped(this.ctx, vm))
        return this.write(r, { phase: 'Pending' }, [
          snapReady,
          condition(
            r,
            'VirtualMachineRestoreReady',
            'False',
            'VirtualMachineIsNotStopped',
            `VirtualMachine ${vm.metadata.name ?? ''} is ${phaseOf(vm)}: stop it to restore over it`,
          ),
        ]);
    }
    await this.write(r, { phase: 'InProgress' }, [snapReady]);
    const out = await runRestore(this.ctx, {
      operationUid: r.metadata.uid ?? '',
      namespace: ns,
      snapshot: snap,
      renames,
      mode,
      keepIPAddress: true,
    });
    if (out.result === 'done')
      return this.write(r, { phase: 'Ready' }, [
        condition(
          r,
          'VirtualMachineRestoreReady',
          'True',
          'VirtualMachineRestoreReady',
          out.message,
        ),
      ]);
    const reason =
      out.result === 'conflict' ? 'VirtualMachineRestoreConflict' : 'VirtualMachineRestoreFailed';
    await this.write(r, { phase: 'Failed' }, [
      condition(r, 'VirtualMachineRestoreReady', 'False', reason, out.message),
    ]);
  }
}

/** VMOP `Restore` (in place, VM stopped) and `Clone` (through a temporary VM snapshot). */
export class OperationRestoreController extends SnapshotUser {
  constructor(ctx: ControllerContext) {
    super(ctx, 'vmop-restore-clone-controller', REF.vmop);
  }

  async reconcile(key: string): Promise<void> {
    const op = this.own.getByKey(key);
    const type = str(op?.spec?.type);
    if (!op || op.metadata.deletionTimestamp || (type !== 'Restore' && type !== 'Clone')) return;
    const ns = op.metadata.namespace ?? '';
    const tmpSnap = `d8v-vmop-${op.metadata.uid ?? ''}`;
    if (['Completed', 'Failed'].includes(phaseOf(op))) {
      if (type === 'Clone' && this.snapshots.get(tmpSnap, ns))
        await this.ctx.client.delete(REF.vms, tmpSnap, ns);
      return;
    }
    const vmName = str(op.spec?.virtualMachineName);
    const vm = this.vms.get(vmName, ns);
    const fail = (reason: string, msg: string) =>
      this.write(op, { phase: 'Failed' }, [condition(op, 'Completed', 'False', reason, msg)]);
    if (!vm) return fail('VirtualMachineNotFound', `VirtualMachine ${vmName} not found`);
    const progress = type === 'Restore' ? 'RestoreInProgress' : 'CloneInProgress';
    if (type === 'Restore') {
      const spec = (op.spec?.restore ?? {}) as {
        mode?: RunMode;
        virtualMachineSnapshotName?: string;
      };
      const snap = this.snapshots.get(spec.virtualMachineSnapshotName ?? '', ns);
      if (!snap || phaseOf(snap) !== 'Ready')
        return this.write(op, { phase: 'Pending' }, [
          condition(
            op,
            'Completed',
            'False',
            'NotReadyToBeExecuted',
            `VirtualMachineSnapshot ${spec.virtualMachineSnapshotName ?? ''} is ${snap ? phaseOf(snap) || 'Pending' : 'not found'}; the restore starts once it is Ready`,
          ),
        ]);
      const mode = spec.mode ?? 'Strict';
      if (mode !== 'DryRun' && !vmIsStopped(this.ctx, vm))
        return fail(
          'NotApplicableForVirtualMachinePhase',
          `VirtualMachine ${vmName} is ${phaseOf(vm)}: stop it (VMOP Stop) before restoring it in place, then create the Restore operation again`,
        );
      await this.write(op, { phase: 'InProgress' }, [
        condition(op, 'Completed', 'False', progress, 'restoring'),
      ]);
      const out = await runRestore(this.ctx, {
        operationUid: op.metadata.uid ?? '',
        namespace: ns,
        snapshot: snap,
        renames: {},
        mode,
        keepIPAddress: true,
        inPlaceVm: vm,
      });
      return this.finish(op, out);
    }
    const clone = op.spec?.clone as Record<string, unknown> | undefined;
    const snap = this.snapshots.get(tmpSnap, ns);
    if (!snap) {
      try {
        await this.ctx.client.create(REF.vms, {
          apiVersion: DVP_API,
          kind: 'VirtualMachineSnapshot',
          metadata: { name: tmpSnap, namespace: ns, ownerReferences: [ownerRef(op)] },
          spec: { virtualMachineName: vmName, requiredConsistency: false, keepIPAddress: 'Never' },
        });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
      return this.write(op, { phase: 'InProgress' }, [
        condition(op, 'Completed', 'False', progress, 'snapshotting the VM to clone it'),
        condition(
          op,
          'SnapshotReady',
          'False',
          'SnapshotInProgress',
          `VirtualMachineSnapshot ${tmpSnap}`,
        ),
      ]);
    }
    if (phaseOf(snap) === 'Failed')
      return fail(
        'OperationFailed',
        `snapshotting the VM failed (VirtualMachineSnapshot ${tmpSnap})`,
      );
    if (phaseOf(snap) !== 'Ready') return;
    const out = await runRestore(this.ctx, {
      operationUid: op.metadata.uid ?? '',
      namespace: ns,
      snapshot: snap,
      renames: cloneRenames(clone),
      mode: (str(clone?.mode) || 'Strict') as RunMode,
      keepIPAddress: false,
    });
    await this.finish(op, out, [
      condition(
        op,
        'SnapshotReady',
        'False',
        'SnapshotCleanedUp',
        `VirtualMachineSnapshot ${tmpSnap} removed`,
      ),
    ]);
    await this.ctx.client.delete(REF.vms, tmpSnap, ns);
  }
}
