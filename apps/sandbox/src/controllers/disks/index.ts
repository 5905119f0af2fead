import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { VirtualDiskSnapshotController } from './disk-snapshot.ts';
import {
  OperationRestoreController,
  VirtualMachineRestoreController,
} from './restore-controllers.ts';
import { SnapshotOperationController } from './snapshot-operation.ts';
import { VirtualDiskController } from './virtual-disk.ts';
import { VirtualMachineSnapshotController } from './vm-snapshot.ts';

/** The disks controllers of the sandbox. */
export function diskControllers(ctx: ControllerContext): Controller[] {
  return [
    new VirtualDiskController(ctx),
    new VirtualDiskSnapshotController(ctx),
    new VirtualMachineSnapshotController(ctx),
    new VirtualMachineRestoreController(ctx),
    new OperationRestoreController(ctx),
    new SnapshotOperationController(ctx),
  ];
}
