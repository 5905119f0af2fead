import type { KubeObject, OwnerReference } from '@dvp/api';
import { api, call } from '../../../api/client.ts';
import { toApiError } from '../../../api/errors.ts';

/** What the address lists read of a VirtualMachineIPAddress / VirtualMachineMACAddress. */
interface AddressLike {
  spec?: { type?: string; staticIP?: string; address?: string };
  status?: { address?: string; virtualMachineName?: string; phase?: string };
}

export const addressSpec = (o: KubeObject) => (o as unknown as AddressLike).spec;
export const addressStatus = (o: KubeObject) => (o as unknown as AddressLike).status;

/** The address as bound (status), else as requested (spec). */
export function addressOf(o: KubeObject): string | undefined {
  const spec = addressSpec(o);
  return addressStatus(o)?.address || spec?.staticIP || spec?.address || undefined;
}

/** The VM the address is attached to now, if any. */
export function attachedVm(o: KubeObject): string | undefined {
  const st = addressStatus(o);
  if (st?.virtualMachineName) return st.virtualMachineName;
  return st?.phase === 'Attached' ? '' : undefined;
}

/** The VirtualMachine owner references: while one is there, deleting that VM deletes the address. */
export function vmOwners(o: KubeObject): OwnerReference[] {
  return (o.metadata.ownerReferences ?? []).filter((r) => r.kind === 'VirtualMachine');
}

/**
 * The seeds' "How to save the IP address assigned to the VM" as a merge patch: the VM owner
 * references go, any other owner stays, and the resourceVersion makes a concurrent edit a 409.
 */
export function keepPatch(o: KubeObject): {
  metadata: { resourceVersion: string; ownerReferences: OwnerReference[] | null };
} {
  const rest = (o.metadata.ownerReferences ?? []).filter((r) => r.kind !== 'VirtualMachine');
  return {
    metadata: {
      resourceVersion: o.metadata.resourceVersion ?? '',
      ownerReferences: rest.length ? rest : null,
    },
  };
}

/** Waits before retrying after a Conflict (the BFF's cached copy may lag the cluster briefly). */
const CONFLICT_BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drops the VM owners of the address, computed on the object as it is now. Its controller
 * updates the status often (and the BFF reads from a cache that may lag a write by a moment), so
 * a Conflict is retried on a fresh read after a short backoff: the intent (no VM owner) is
 * re-evaluated each time, never a stale list written back.
 */
export async function keepAfterVmDeletion(namespace: string, name: string): Promise<void> {
  const params = { namespace, resource: 'virtualmachineipaddresses' as const, name };
  for (let attempt = 0; ; attempt += 1) {
    const now = await call(api.resourceView, { params });
    if (vmOwners(now).length === 0) return;
    try {
      await call(api.resourcePatch, { params, body: keepPatch(now) });
      return;
    } catch (err) {
      const wait = CONFLICT_BACKOFF_MS[attempt];
      if (toApiError(err).reason !== 'Conflict' || wait === undefined) throw err;
      await pause(wait);
    }
  }
}
