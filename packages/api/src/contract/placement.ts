import { z } from 'zod';
import type { NodeAffinity, Toleration } from '../meta.ts';
import { endpoint } from './endpoint.ts';

/**
 * Where every VM runs and what constrains where it may go: the input of the console's node
 * views (VMs per node, CPU and memory reserved by VMs) and of the drain plan. One cluster-wide
 * answer instead of one VM list per namespace.
 */
export interface VmPlacement {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  /** `status.nodeName`: the node the VM runs on now. */
  node?: string;
  className?: string;
  /** `status.resources.cpu.cores` (what the VM got), else `spec.cpu.cores`. */
  cores?: number;
  /** `Auto` or a percentage, as the status (else the spec) reports it. */
  coreFraction?: string;
  /** A quantity (`1Gi`), as the status (else the spec) reports it. */
  memory?: string;
  /** The `Migratable` condition (null: unknown, e.g. the VM does not run). */
  migratable: boolean | null;
  /** Why not (the condition's message, else its reason) when `migratable` is false. */
  notMigratableReason?: string;
  runPolicy?: string;
  nodeSelector?: Record<string, string>;
  /** True when the VM sets any affinity or anti-affinity rule. */
  affinity?: boolean;
  /** `spec.affinity.nodeAffinity` (the part a placement prediction can evaluate). */
  nodeAffinity?: NodeAffinity;
  liveMigrationPolicy?: string;
  /** `spec.tolerations` (the node's taints a VM may ignore). */
  tolerations?: Toleration[];
  /** Set while the VM is being deleted. */
  deletionTimestamp?: string;
}

export interface VmPlacementList {
  items: VmPlacement[];
  /**
   * Namespaces whose VMs are included when the user may not list VMs cluster-wide (absent: all
   * namespaces).
   */
  namespaces?: string[];
}

// The fields of a VM (as the API returns it) a placement reads.
interface Cond {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface PlacementVmLike {
  metadata: { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string };
  spec?: {
    virtualMachineClassName?: string;
    runPolicy?: string;
    liveMigrationPolicy?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    affinity?: {
      nodeAffinity?: NodeAffinity;
      virtualMachineAndPodAffinity?: unknown;
      virtualMachineAndPodAntiAffinity?: unknown;
    };
    cpu?: { cores?: number; coreFraction?: string };
    memory?: { size?: string };
  };
  status?: {
    phase?: string;
    nodeName?: string;
    conditions?: Cond[];
    resources?: { cpu?: { cores?: number; coreFraction?: string }; memory?: { size?: string } };
  };
}

/** The placement facts of one VM (an object as the API returns it). */
export function vmPlacementOf(vm: PlacementVmLike): VmPlacement {
  const spec = vm.spec ?? {};
  const st = vm.status ?? {};
  const cond = st.conditions?.find((c) => c.type === 'Migratable');
  const migratable = !cond || cond.status === 'Unknown' ? null : cond.status === 'True';
  const out: VmPlacement = {
    namespace: vm.metadata.namespace ?? '',
    name: vm.metadata.name ?? '',
    uid: vm.metadata.uid ?? '',
    phase: st.phase ?? 'Pending',
    migratable,
  };
  const set = <K extends keyof VmPlacement>(k: K, v: VmPlacement[K] | undefined | '') => {
    if (v !== undefined && v !== '') out[k] = v;
  };
  set('node', st.nodeName);
  set('className', spec.virtualMachineClassName);
  set('cores', st.resources?.cpu?.cores ?? spec.cpu?.cores);
  set('coreFraction', st.resources?.cpu?.coreFraction ?? spec.cpu?.coreFraction);
  set('memory', st.resources?.memory?.size ?? spec.memory?.size);
  if (migratable === false) set('notMigratableReason', cond?.message || cond?.reason);
  set('runPolicy', spec.runPolicy);
  set('liveMigrationPolicy', spec.liveMigrationPolicy);
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0)
    out.nodeSelector = spec.nodeSelector;
  const a = spec.affinity;
  if (a && (a.nodeAffinity || a.virtualMachineAndPodAffinity || a.virtualMachineAndPodAntiAffinity))
    out.affinity = true;
  if (a?.nodeAffinity) out.nodeAffinity = a.nodeAffinity;
  if (spec.tolerations && spec.tolerations.length > 0) out.tolerations = spec.tolerations;
  set('deletionTimestamp', vm.metadata.deletionTimestamp);
  return out;
}

export const placementEndpoints = {
  /**
   * Every VM the user may list: all of them for those who may list VMs cluster-wide, else the
   * VMs of the namespaces they may list them in; 403 when there is none.
   */
  vmPlacementList: endpoint({
    name: 'vmPlacementList',
    method: 'GET',
    path: '/api/v1/cluster/vm-placement',
    params: z.object({}),
    query: z.object({}),
  }).response<VmPlacementList>(),
};
