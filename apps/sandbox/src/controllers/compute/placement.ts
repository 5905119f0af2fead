import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { ComputeInformers } from './deps.ts';
import {
  memoryBytes,
  type LabelSelector,
  type PlacedVm,
  type PlacementRequest,
  type SchedulableNode,
  type Toleration,
} from './scheduler.ts';
import { requestedMilli } from './vm-status.ts';
import type { VmRuntime } from './vm-runtime.ts';

/** Node label of a CPU model the node can run (KubeVirt node-labeller, renamed by DVP). */
export const CPU_MODEL_LABEL = 'cpu-model.node.virtualization.deckhouse.io/';

interface VmSpecPlacement {
  cpu: { cores: number; coreFraction?: string };
  memory: { size: string };
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Toleration[];
}

/** The selector a class puts on its VMs' nodes: its nodeSelector plus what its CPU needs. */
export function classNodeSelector(cls: KubeObject | undefined): LabelSelector {
  const spec = (cls?.spec ?? {}) as {
    nodeSelector?: LabelSelector;
    cpu?: { type?: string; model?: string; features?: string[] };
  };
  const matchLabels: Record<string, string> = { ...spec.nodeSelector?.matchLabels };
  const sel: LabelSelector = {
    matchLabels,
    matchExpressions: [...(spec.nodeSelector?.matchExpressions ?? [])],
  };
  if (spec.cpu?.type === 'Model' && spec.cpu.model) {
    matchLabels[`${CPU_MODEL_LABEL}${spec.cpu.model}`] = 'true';
  }
  if (spec.cpu?.type === 'Features') {
    for (const f of spec.cpu.features ?? [])
      matchLabels[`cpu-feature.node.virtualization.deckhouse.io/${f}`] = 'true';
  }
  return sel;
}

/** What the scheduler needs of a VM: requests, selectors, affinity, merged tolerations. */
export function placementOf(
  vm: KubeObject,
  cls: KubeObject | undefined,
  extra: Partial<PlacementRequest> = {},
): PlacementRequest {
  const spec = vm.spec as VmSpecPlacement;
  const classTolerations =
    (cls?.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? [];
  const vmTolerations = spec.tolerations ?? [];
  const tolerations = [
    ...vmTolerations,
    ...classTolerations.filter(
      (c) => !vmTolerations.some((t) => t.key === c.key && t.effect === c.effect),
    ),
  ];
  return {
    name: vm.metadata.name ?? '',
    namespace: vm.metadata.namespace ?? '',
    cpuMilli: requestedMilli(spec),
    memoryBytes: memoryBytes(spec.memory.size),
    classSelector: classNodeSelector(cls),
    tolerations,
    ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
    ...(spec.affinity ? { affinity: spec.affinity } : {}),
    ...extra,
  };
}

/** Every Node object with whether its agent is alive. */
export function schedulableNodes(ctx: ControllerContext, inf: ComputeInformers): SchedulableNode[] {
  return inf.nodes
    .list()
    .filter((n) => ctx.nodes.nodes.has(n.metadata.name ?? ''))
    .map((node) => ({ node, alive: ctx.nodes.agent(node.metadata.name ?? '') !== undefined }));
}

/** VMs running (or starting, or arriving by migration) on nodes, with their requests. */
export function placedVms(
  inf: ComputeInformers,
  rt: VmRuntime,
  ctx: ControllerContext,
): PlacedVm[] {
  const out: PlacedVm[] = [];
  for (const vm of inf.vms.list()) {
    const uid = vm.metadata.uid ?? '';
    const spec = vm.spec as VmSpecPlacement;
    const base = {
      name: vm.metadata.name ?? '',
      namespace: vm.metadata.namespace ?? '',
      labels: vm.metadata.labels ?? {},
      cpuMilli: requestedMilli(spec),
      memoryBytes: memoryBytes(spec.memory.size),
    };
    const loc = ctx.nodes.locate(uid);
    const action = rt.action(uid);
    if (loc) out.push({ ...base, node: loc.node });
    if (action?.target && action.target !== loc?.node) out.push({ ...base, node: action.target });
  }
  return out;
}
