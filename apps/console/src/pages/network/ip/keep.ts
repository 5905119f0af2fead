import type { KubeObject, OwnerReference } from '@dvp/api';
import { editOwnerReferences } from '../../../api/owner-references.ts';

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
 * The seeds' "How to save the IP address assigned to the VM": the VM owner references go, any
 * other owner stays; `undefined` when no VM owns the address (nothing to change).
 */
export function withoutVmOwners(refs: OwnerReference[]): OwnerReference[] | undefined {
  const rest = refs.filter((r) => r.kind !== 'VirtualMachine');
  return rest.length === refs.length ? undefined : rest;
}

/**
 * Drops the VM owners of the address, on the object as it is now (a Conflict is retried on a
 * fresh read: `editOwnerReferences`).
 */
export function keepAfterVmDeletion(namespace: string, name: string): Promise<void> {
  return editOwnerReferences(
    { namespace, resource: 'virtualmachineipaddresses', name },
    withoutVmOwners,
  );
}
