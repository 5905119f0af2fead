import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';

/** The images controllers of the sandbox. */
export function imageControllers(_ctx: ControllerContext): Controller[] {
  return [];
}
