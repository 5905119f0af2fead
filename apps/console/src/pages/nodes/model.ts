import { quantityToBytes, tryParseQuantity, type KubeObject, type VmPlacement } from '@dvp/api';

/**
 * Nodes as the Nodes pages read them, and what VMs reserve on them. Pure functions over the
 * Node objects and the BFF's VM placement list (`vmPlacementList`).
 */

/** Node label prefix of a CPU model the node can run (KubeVirt node-labeller, renamed by DVP). */
export const CPU_MODEL_LABEL = 'cpu-model.node.virtualization.deckhouse.io/';
/** Node label prefix of a CPU feature the node has. */
export const CPU_FEATURE_LABEL = 'cpu-feature.node.virtualization.deckhouse.io/';
/** Set on nodes with KVM (virt-handler runs only there). */
export const KVM_LABEL = 'virtualization.deckhouse.io/kvm-enabled';

export interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export interface NodeInfo {
  name: string;
  /** The Ready condition (null: no such condition). */
  ready: boolean | null;
  /** Cordoned (`spec.unschedulable`). */
  unschedulable: boolean;
  labels: Record<string, string>;
  taints: Taint[];
  /** Allocatable CPU in millicores (null: not reported). */
  cpuMilli: number | null;
  /** Allocatable memory in bytes (null: not reported). */
  memoryBytes: number | null;
  /** CPU models from the node-labeller labels, sorted. */
  cpuModels: string[];
  resourceVersion: string;
}

interface NodeShape {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: {
    conditions?: { type?: string; status?: string }[];
    allocatable?: Record<string, string>;
  };
}

/** Millicores of a CPU quantity (`2`, `500m`), or null. */
export function cpuMilliOf(q: string | undefined): number | null {
  const p = q ? tryParseQuantity(q) : undefined;
  return p ? Number((p.num * 1000n) / p.den) : null;
}

/** Bytes of a memory quantity (`1Gi`), or null. */
export function bytesOf(q: string | undefined): number | null {
  const p = q ? tryParseQuantity(q) : undefined;
  return p ? Number(quantityToBytes(p)) : null;
}

export function nodeInfo(node: KubeObject): NodeInfo {
  const n = node as unknown as NodeShape & KubeObject;
  const labels = node.metadata.labels ?? {};
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  return {
    name: node.metadata.name ?? '',
    ready: ready ? ready.status === 'True' : null,
    unschedulable: n.spec?.unschedulable === true,
    labels,
    taints: n.spec?.taints ?? [],
    cpuMilli: cpuMilliOf(n.status?.allocatable?.cpu),
    memoryBytes: bytesOf(n.status?.allocatable?.memory),
    cpuModels: Object.keys(labels)
      .filter((k) => k.startsWith(CPU_MODEL_LABEL) && labels[k] === 'true')
      .map((k) => k.slice(CPU_MODEL_LABEL.length))
      .sort(),
    resourceVersion: node.metadata.resourceVersion ?? '',
  };
}

/** What a VM reserves on its node: cores × core fraction (millicores). `Auto` counts whole cores. */
export function vmCpuMilli(p: Pick<VmPlacement, 'cores' | 'coreFraction'>): number {
  const cores = p.cores ?? 0;
  const pct = /^(\d{1,3})%$/.exec(p.coreFraction ?? '');
  const fraction = pct ? Number(pct[1]) / 100 : 1;
  return Math.round(cores * 1000 * fraction);
}

export function vmMemoryBytes(p: Pick<VmPlacement, 'memory'>): number {
  return bytesOf(p.memory) ?? 0;
}

export interface Reserved {
  vms: number;
  cpuMilli: number;
  memoryBytes: number;
}

export const NOTHING_RESERVED: Reserved = { vms: 0, cpuMilli: 0, memoryBytes: 0 };

export interface PlacementIndex {
  byNode: Map<string, Reserved>;
  vmsByNode: Map<string, VmPlacement[]>;
}

const indexMemo = new WeakMap<readonly VmPlacement[], PlacementIndex>();

/**
 * VMs and their reservations per node (memoized per list: every cell of a table reads the same
 * index, computed once per change of the list).
 */
export function placementIndex(items: readonly VmPlacement[]): PlacementIndex {
  const hit = indexMemo.get(items);
  if (hit) return hit;
  const byNode = new Map<string, Reserved>();
  const vmsByNode = new Map<string, VmPlacement[]>();
  for (const p of items) {
    if (!p.node) continue;
    const r = byNode.get(p.node) ?? { vms: 0, cpuMilli: 0, memoryBytes: 0 };
    r.vms += 1;
    r.cpuMilli += vmCpuMilli(p);
    r.memoryBytes += vmMemoryBytes(p);
    byNode.set(p.node, r);
    const list = vmsByNode.get(p.node) ?? [];
    list.push(p);
    vmsByNode.set(p.node, list);
  }
  const index = { byNode, vmsByNode };
  indexMemo.set(items, index);
  return index;
}

/** A share in percent (0–∞, rounded), or null when the capacity is unknown. */
export function percentOf(used: number, capacity: number | null): number | null {
  if (capacity === null || capacity <= 0) return null;
  return Math.round((used / capacity) * 100);
}
