import type { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { EndpointsController } from './endpoints.ts';
import { IpLeaseController } from './ip-lease.ts';
import { VmIpClaimController } from './vm-ip-claims.ts';
import { VmbdaController } from './vmbda.ts';
import { VmipController } from './vmip.ts';
import { VmmacController } from './vmmac.ts';

/**
 * The network controllers of the sandbox: VM IP addresses and their leases, MAC addresses of
 * additional networks, block device attachments (hot-plug), and Service endpoints.
 */
export function networkControllers(ctx: ControllerContext): Controller[] {
  return [
    new VmIpClaimController(ctx),
    new VmipController(ctx),
    new IpLeaseController(ctx),
    new VmbdaController(ctx),
    new EndpointsController(ctx),
    new VmmacController(ctx),
  ];
}
