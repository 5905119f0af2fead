import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { VirtualMachineClassController } from './class-controller.ts';
import { computeInformers } from './deps.ts';
import { NodeController } from './node-controller.ts';
import { LauncherPodController } from './pod-controller.ts';
import { VirtualMachineController } from './vm-controller.ts';
import { VmRuntime } from './vm-runtime.ts';
import { VirtualMachineOperationController } from './vmop-controller.ts';

/**
 * The compute controllers of the sandbox: node heartbeats, VirtualMachineClass status, the
 * VirtualMachine lifecycle on real guests, and VirtualMachineOperations (power, migration),
 * and the virt-launcher Pods that mirror running guests.
 */
export function computeControllers(ctx: ControllerContext): Controller[] {
  const inf = computeInformers(ctx);
  const rt = new VmRuntime(ctx.dataDir, ctx.nodes);
  return [
    new NodeController(ctx, inf),
    new VirtualMachineClassController(ctx, inf),
    new VirtualMachineController(ctx, inf, rt),
    new VirtualMachineOperationController(ctx, inf, rt),
    new LauncherPodController(ctx, inf, rt),
  ];
}
