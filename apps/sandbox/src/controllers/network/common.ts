import { setCondition, type ConditionLike } from '@dvp/api';
import { nowTimestamp } from '../../apiserver/service/objects.ts';
import type { KubeObject } from '../../apiserver/types.ts';
import { refOf } from '../runtime/client.ts';

export const DVP = 'virtualization.deckhouse.io';
export const VM_REF = refOf(DVP, 'VirtualMachine');
export const VMIP_REF = refOf(DVP, 'VirtualMachineIPAddress');
export const IP_LEASE_REF = refOf(DVP, 'VirtualMachineIPAddressLease');
export const VMMAC_REF = refOf(DVP, 'VirtualMachineMACAddress');
export const MAC_LEASE_REF = refOf(DVP, 'VirtualMachineMACAddressLease');
export const MODULE_CONFIG_REF = refOf('deckhouse.io', 'ModuleConfig');

/** VMIP/VMMAC → VM link label. */
export const VM_UID_LABEL = 'virtualization.deckhouse.io/virtual-machine-uid';
/** IP lease → VMIP link label. */
export const VMIP_UID_LABEL = 'virtualization.deckhouse.io/virtual-machine-ip-address-uid';
/** MAC lease → VMMAC link label. */
export const VMMAC_UID_LABEL = 'virtualization.deckhouse.io/virtual-machine-mac-address-uid';

/** How long a released IP lease stays reserved for its namespace (DVP: 10 minutes). */
export function leaseHoldMs(): number {
  const s = Number(process.env.SANDBOX_IP_LEASE_HOLD_SECONDS);
  return Number.isFinite(s) && s >= 0 && process.env.SANDBOX_IP_LEASE_HOLD_SECONDS !== ''
    ? s * 1000
    : 10 * 60 * 1000;
}

export interface Condition extends ConditionLike {
  reason: string;
  message: string;
}

/** `conditions` with `next` set (lastTransitionTime kept while the status is unchanged). */
export function withCondition(obj: KubeObject, next: Condition): Condition[] {
  const current = (obj.status as { conditions?: Condition[] } | undefined)?.conditions;
  const generation = obj.metadata.generation;
  return setCondition(
    current,
    { ...next, ...(generation !== undefined ? { observedGeneration: generation } : {}) },
    nowTimestamp(),
  );
}

/** Sets several conditions in order. */
export function withConditions(obj: KubeObject, next: Condition[]): Condition[] {
  let acc = obj;
  for (const c of next) {
    acc = { ...acc, status: { ...(acc.status ?? {}), conditions: withCondition(acc, c) } };
  }
  return (acc.status as { conditions: Condition[] }).conditions;
}

export const phaseOf = (o: KubeObject | undefined): string =>
  (o?.status as { phase?: string } | undefined)?.phase ?? '';

/** True when `patch` would change nothing in `current` (shallow JSON comparison per key). */
export function sameStatus(current: KubeObject, patch: Record<string, unknown>): boolean {
  const st = (current.status ?? {}) as Record<string, unknown>;
  return Object.entries(patch).every(
    ([k, v]) => JSON.stringify(st[k] ?? null) === JSON.stringify(v ?? null),
  );
}

/** The owner reference a VM sets on what it owns. */
export function vmOwnerRef(vm: KubeObject) {
  return {
    apiVersion: vm.apiVersion || `${DVP}/v1alpha2`,
    kind: 'VirtualMachine',
    name: vm.metadata.name ?? '',
    uid: vm.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** `virtualMachineCIDRs` of ModuleConfig/virtualization, if any. */
export function cidrsOf(moduleConfig: KubeObject | undefined): string[] | undefined {
  const list = (moduleConfig?.spec as { settings?: { virtualMachineCIDRs?: unknown } } | undefined)
    ?.settings?.virtualMachineCIDRs;
  const cidrs = Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  return cidrs.length ? cidrs : undefined;
}
