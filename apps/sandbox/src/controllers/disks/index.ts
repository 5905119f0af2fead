import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';

/** The disks controllers of the sandbox. */
export function diskControllers(_ctx: ControllerContext): Controller[] {
  return [];
}
