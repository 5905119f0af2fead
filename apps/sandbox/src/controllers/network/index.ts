import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';

/** The network controllers of the sandbox. */
export function networkControllers(_ctx: ControllerContext): Controller[] {
  return [];
}
