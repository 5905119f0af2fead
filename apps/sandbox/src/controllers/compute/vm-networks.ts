import type { ConditionLike } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { VM_UID_LABEL } from './deps.ts';
import { macOf } from './guest-spec.ts';

interface NetworkSpec {
  type: 'Main' | 'Network' | 'ClusterNetwork';
  id?: number;
  name?: string;
  virtualMachineMACAddressName?: string;
}

/** One `status.networks[]` entry. */
export interface NetworkStatus {
  type: string;
  id?: number;
  name?: string;
  macAddress?: string;
  virtualMachineMACAddressName?: string;
}

/** What the sandbox says about additional networks (it has no sdn module). */
export const SDN_MESSAGE =
  'additional networks need the sdn module, which the sandbox does not have; the virtual machine runs with its Main network only';

/**
 * `status.networks[]` in `spec.networks` order (Main alone when the spec lists none): Main with
 * the guest NIC's MAC; each additional network with the VirtualMachineMACAddress it names, or
 * else the next of the VM's own VMMACs (labelled with its uid, oldest first) and that MAC.
 */
export function networksOf(vm: KubeObject, macs: KubeObject[]): NetworkStatus[] {
  const uid = vm.metadata.uid ?? '';
  const spec = ((vm.spec as { networks?: NetworkSpec[] }).networks ?? []).length
    ? (vm.spec as { networks: NetworkSpec[] }).networks
    : [{ type: 'Main' as const }];
  const named = new Set(spec.map((n) => n.virtualMachineMACAddressName).filter(Boolean));
  const own = macs
    .filter((m) => m.metadata.labels?.[VM_UID_LABEL] === uid && !named.has(m.metadata.name))
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
  const byName = new Map(macs.map((m) => [m.metadata.name ?? '', m]));
  return spec.map((n, i) => {
    if (n.type === 'Main') return { type: 'Main', id: n.id ?? 1, macAddress: macOf(uid) };
    const mac = n.virtualMachineMACAddressName
      ? byName.get(n.virtualMachineMACAddressName)
      : own.shift();
    const address = (mac?.status as { address?: string } | undefined)?.address;
    return {
      type: n.type,
      id: n.id ?? i + 1,
      ...(n.name ? { name: n.name } : {}),
      ...(address ? { macAddress: address } : {}),
      ...(mac?.metadata.name ? { virtualMachineMACAddressName: mac.metadata.name } : {}),
    };
  });
}

/** `NetworkReady`: False (SDNModuleDisabled) when the VM asks for additional networks. */
export function networkReady(vm: KubeObject): ConditionLike {
  const extra = ((vm.spec as { networks?: NetworkSpec[] }).networks ?? []).filter(
    (n) => n.type !== 'Main',
  );
  return extra.length > 0
    ? { type: 'NetworkReady', status: 'False', reason: 'SDNModuleDisabled', message: SDN_MESSAGE }
    : { type: 'NetworkReady', status: 'True', reason: 'NetworkReady', message: '' };
}
