import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';

/** The compute controllers of the sandbox. */
export function computeControllers(_ctx: ControllerContext): Controller[] {
  return [];
}
