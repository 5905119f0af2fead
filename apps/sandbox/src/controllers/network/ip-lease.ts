import { getCondition } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import {
  IP_LEASE_REF,
  VMIP_REF,
  VMIP_UID_LABEL,
  leaseHoldMs,
  phaseOf,
  withConditions,
  type Condition,
} from './common.ts';

interface LeaseRef {
  name?: string;
  namespace?: string;
}

/**
 * VirtualMachineIPAddressLease lifecycle: a lease whose VirtualMachineIPAddress is gone is
 * `Released` (condition `Bound=False`, reason `Released`) and stays reserved for the namespace
 * that held it — a Static request there may take it back — for the hold time (10 minutes;
 * `SANDBOX_IP_LEASE_HOLD_SECONDS` overrides it), then it is deleted and the address is free.
 */
export class IpLeaseController extends Controller {
  private leases!: Informer;
  private vmips!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'vmip-lease');
  }

  setup(): void {
    this.leases = this.ctx.informers.for(IP_LEASE_REF);
    this.vmips = this.ctx.informers.for(VMIP_REF);
    this.leases.addHandler({ add: (o) => this.enqueue(o), update: (o) => this.enqueue(o) });
    this.vmips.addHandler({
      delete: (ip) => {
        for (const l of this.leases.list()) {
          const r = this.refOf(l);
          const linked = l.metadata.labels?.[VMIP_UID_LABEL] === ip.metadata.uid;
          if (linked || (r.name === ip.metadata.name && r.namespace === ip.metadata.namespace))
            this.enqueue(l);
        }
      },
    });
  }

  private refOf(l: KubeObject): LeaseRef {
    return (
      (l.spec as { virtualMachineIPAddressRef?: LeaseRef } | undefined)
        ?.virtualMachineIPAddressRef ?? {}
    );
  }

  async reconcile(key: string): Promise<void> {
    const lease = this.leases.get(key);
    if (!lease || lease.metadata.deletionTimestamp) return;
    const ref = this.refOf(lease);
    if (phaseOf(lease) === 'Released') {
      const since = getCondition(
        (lease.status as { conditions?: Condition[] } | undefined)?.conditions,
        'Bound',
      )?.lastTransitionTime;
      const left = (since ? Date.parse(since) : 0) + leaseHoldMs() - Date.now();
      if (left > 0) {
        this.enqueueAfter(key, Math.min(left + 50, 2 ** 31 - 1));
        return;
      }
      await this.ctx.client.delete(IP_LEASE_REF, key, undefined, {
        ...(lease.metadata.uid ? { uid: lease.metadata.uid } : {}),
      });
      return;
    }
    const ip = ref.name && ref.namespace ? this.vmips.get(ref.name, ref.namespace) : undefined;
    const uid = lease.metadata.labels?.[VMIP_UID_LABEL];
    if (ip && (!uid || ip.metadata.uid === uid)) return;
    if (!ip && phaseOf(lease) !== 'Bound' && !ref.name) return;
    // Its VMIP is gone (or was replaced by a namesake): release, keep the namespace's claim.
    const labels = { ...(lease.metadata.labels ?? {}) };
    delete labels[VMIP_UID_LABEL];
    const released = await this.ctx.client.update(IP_LEASE_REF, {
      ...lease,
      metadata: { ...lease.metadata, labels },
      spec: { virtualMachineIPAddressRef: { name: '', namespace: ref.namespace ?? '' } },
    });
    await this.ctx.client.patchStatus(IP_LEASE_REF, released, {
      phase: 'Released',
      conditions: withConditions(released, [
        {
          type: 'Bound',
          status: 'False',
          reason: 'Released',
          message: `Released by VirtualMachineIPAddress ${ref.namespace}/${ref.name}; reserved for namespace "${ref.namespace}" until the hold ends.`,
        },
      ]),
    });
  }
}
