import type { Controller } from './controller.ts';
import type { ControllerContext } from './context.ts';

/**
 * Runs the sandbox's DVP controllers (as virtualization-controller does): each registers its
 * informers in `setup()`, the shared informers start and sync, then `started()` lets each adopt
 * what already exists.
 */
export class ControllerManager {
  constructor(
    readonly ctx: ControllerContext,
    readonly controllers: Controller[],
  ) {}

  async start(): Promise<void> {
    for (const c of this.controllers) c.setup();
    this.ctx.informers.start();
    await this.ctx.informers.synced();
    for (const c of this.controllers) await c.started();
  }

  /** Resolves when no controller has queued or running reconciles. */
  async idle(): Promise<void> {
    for (const c of this.controllers) await c.idle();
  }

  async stop(): Promise<void> {
    this.ctx.events.close();
    for (const c of this.controllers) await c.stop();
    this.ctx.informers.stop();
    this.ctx.client.close();
  }
}
