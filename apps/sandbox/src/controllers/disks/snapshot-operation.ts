/**
 * VMSOP `CreateVirtualMachine`: a new VM from a VM snapshot.
 */
import type { ControllerContext } from '../runtime/context.ts';
import { REF, condition, phaseOf, str } from './common.ts';
import { runRestore, type RunMode } from './restore-run.ts';
import { cloneRenames, SnapshotUser } from './restore-base.ts';

/** VMSOP `CreateVirtualMachine`: a new VM from a snapshot, the source untouched. */
export class SnapshotOperationController extends SnapshotUser {
  constructor(ctx: ControllerContext) {
    super(ctx, 'vmsop-controller', REF.vmsop);
  }

  async reconcile(key: string): Promise<void> {
    const op = this.own.getByKey(key);
    if (!op || op.metadata.deletionTimestamp || ['Completed', 'Failed'].includes(phaseOf(op)))
      return;
    const ns = op.metadata.namespace ?? '';
    const snapName = str(op.spec?.virtualMachineSnapshotName);
    const snap = this.snapshots.get(snapName, ns);
    if (!snap)
      return this.write(op, { phase: 'Failed' }, [
        condition(
          op,
          'Completed',
          'False',
          'VirtualMachineSnapshotNotFound',
          `VirtualMachineSnapshot ${snapName} not found`,
        ),
      ]);
    if (phaseOf(snap) !== 'Ready')
      return this.write(op, { phase: 'Pending' }, [
        condition(
          op,
          'Completed',
          'False',
          'NotReadyToBeExecuted',
          `VirtualMachineSnapshot ${snapName} is not Ready yet`,
        ),
      ]);
    const spec = op.spec?.createVirtualMachine as Record<string, unknown> | undefined;
    await this.write(op, { phase: 'InProgress' }, [
      condition(op, 'Completed', 'False', 'CreateVirtualMachineInProgress', 'creating the VM'),
    ]);
    const out = await runRestore(this.ctx, {
      operationUid: op.metadata.uid ?? '',
      namespace: ns,
      snapshot: snap,
      renames: cloneRenames(spec),
      mode: (str(spec?.mode) || 'Strict') as RunMode,
      keepIPAddress: false,
    });
    await this.finish(op, out);
  }
}
