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

/**
 * Drops the VM owners of the address, computed on the object as it is now. Its controller
 * updates the status often, so a Conflict is retried on the fresh object a few times: the
 * intent (no VM owner) is re-evaluated each time, never a stale list written back.
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
      if (toApiError(err).reason !== 'Conflict' || attempt >= 2) throw err;
    }
  }
}
