import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { VirtualDiskSnapshotController } from './disk-snapshot.ts';
import { VirtualDiskController } from './virtual-disk.ts';

/** The disks controllers of the sandbox. */
export function diskControllers(ctx: ControllerContext): Controller[] {
  return [new VirtualDiskController(ctx), new VirtualDiskSnapshotController(ctx)];
}
