import type { KubeObject, VmPlacement } from '@dvp/api';
import {
  CPU_FEATURE_LABEL,
  CPU_MODEL_LABEL,
  placementIndex,
  vmCpuMilli,
  vmMemoryBytes,
  type NodeInfo,
  type Taint,
} from './model.ts';

/**
 * The drain plan: for every VM on a node, whether "Cordon + Drain" can live-migrate it and
 * where it would probably go. The target is a best-effort prediction (the scheduler decides):
 * node readiness, cordons, the VM's and its class's node selectors, required node affinity,
 * taints against tolerations and free CPU/memory (allocatable minus what VMs reserve), VMs
 * placed one after another. VM-to-VM (anti-)affinity is not evaluated (flagged per VM).
 */

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

/** What a VirtualMachineClass adds to its VMs' placement. */
export interface ClassPlacement {
  /** `status.availableNodes`: the nodes the class's CPU (and selector) fits, when reported. */
  availableNodes?: string[];
  selector: Selector;
  tolerations: Toleration[];
}

export function classPlacement(cls: KubeObject): ClassPlacement {
  const spec = (cls.spec ?? {}) as {
    nodeSelector?: Selector;
    tolerations?: Toleration[];
    cpu?: { type?: string; model?: string; features?: string[] };
  };
  const status = (cls.status ?? {}) as { availableNodes?: string[] };
  const matchLabels: Record<string, string> = { ...spec.nodeSelector?.matchLabels };
  if (spec.cpu?.type === 'Model' && spec.cpu.model)
    matchLabels[`${CPU_MODEL_LABEL}${spec.cpu.model}`] = 'true';
  if (spec.cpu?.type === 'Features')
    for (const f of spec.cpu.features ?? []) matchLabels[`${CPU_FEATURE_LABEL}${f}`] = 'true';
  return {
    ...(status.availableNodes ? { availableNodes: status.availableNodes } : {}),
    selector: { matchLabels, matchExpressions: spec.nodeSelector?.matchExpressions ?? [] },
    tolerations: spec.tolerations ?? [],
  };
}

function matchRequirement(labels: Record<string, string>, r: Requirement): boolean {
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
      return v !== undefined && Number(v) > Number(values[0]);
    case 'Lt':
      return v !== undefined && Number(v) < Number(values[0]);
    default:
      return false;
  }
}

export function matchesSelector(labels: Record<string, string>, sel: Selector): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (sel.matchExpressions ?? []).every((r) => matchRequirement(labels, r));
}

/** The VM's required node affinity: one of the terms must match (none: no restriction). */
function matchesNodeAffinity(vm: VmPlacement, node: NodeInfo): boolean {
  const terms = vm.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some(
    (t) =>
      (t.matchExpressions ?? []).every((r) => matchRequirement(node.labels, r)) &&
      (t.matchFields ?? []).every((r) =>
        matchRequirement(r.key === 'metadata.name' ? { [r.key]: node.name } : {}, r),
      ),
  );
}

interface Toleration extends Taint {
  operator?: string;
}

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Why the VM cannot be evacuated (it stays on the node). */
export type Blocker =
  | { code: 'notMigratable'; detail?: string }
  | { code: 'terminating' }
  | { code: 'migrating' }
  | { code: 'phase'; phase: string };

/** Why a node does not fit (counted per node in the "no target" explanation). */
export const NO_FIT_REASONS = [
  'notReady',
  'cordoned',
  'selector',
  'taint',
  'cpu',
  'memory',
] as const;
export type NoFit = (typeof NO_FIT_REASONS)[number];

/** Things the plan says about a VM beside the verdict. */
export type Note =
  | 'affinityNotEvaluated'
  | 'classUnknown'
  | 'migratableUnknown'
  | 'alwaysSafe'
  | 'forced'
  | 'runPolicyAlwaysOn';

export interface PlanEntry {
  vm: VmPlacement;
  /** An Evict operation will be created for it. */
  evict: boolean;
  blocker?: Blocker;
  /** The predicted target node (evicted VMs only). */
  target?: string;
  /** When no node fits: how many nodes failed for each reason. */
  noFit?: Partial<Record<NoFit, number>>;
  notes: Note[];
}

export interface DrainPlan {
  node: string;
  entries: PlanEntry[];
  /** VMs that get an Evict operation. */
  evictions: number;
  /** VMs that will stay on the node (blocked). */
  staying: number;
}

/** Phases in which a VM can be live-migrated. */
const MIGRATABLE_PHASES = new Set(['Running', 'Pause', 'Degraded']);

function blockerOf(vm: VmPlacement): Blocker | undefined {
  if (vm.deletionTimestamp) return { code: 'terminating' };
  if (vm.phase === 'Migrating') return { code: 'migrating' };
  if (vm.migratable === false)
    return vm.notMigratableReason
      ? { code: 'notMigratable', detail: vm.notMigratableReason }
      : { code: 'notMigratable' };
  if (!MIGRATABLE_PHASES.has(vm.phase)) return { code: 'phase', phase: vm.phase };
  return undefined;
}

function notesOf(vm: VmPlacement, cls: ClassPlacement | undefined, evict: boolean): Note[] {
  const notes: Note[] = [];
  if (evict && vm.migratable === null) notes.push('migratableUnknown');
  if (evict && vm.affinity) notes.push('affinityNotEvaluated');
  if (evict && !cls) notes.push('classUnknown');
  if (evict && vm.liveMigrationPolicy === 'AlwaysSafe') notes.push('alwaysSafe');
  if (
    evict &&
    (vm.liveMigrationPolicy === 'AlwaysForced' || vm.liveMigrationPolicy === 'PreferForced')
  )
    notes.push('forced');
  if (!evict && vm.runPolicy === 'AlwaysOn') notes.push('runPolicyAlwaysOn');
  return notes;
}

const byName = (a: VmPlacement, b: VmPlacement) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/**
 * The plan for draining `nodeName`: `nodes` are all nodes, `placements` all VMs, `classes` the
 * VM classes by name (undefined when unreadable: class rules are then not evaluated).
 */
export function drainPlan(
  nodeName: string,
  nodes: readonly NodeInfo[],
  placements: readonly VmPlacement[],
  classes: ReadonlyMap<string, ClassPlacement> | undefined,
): DrainPlan {
  const index = placementIndex(placements);
  const used = new Map<string, { cpu: number; mem: number }>();
  for (const n of nodes) {
    const r = index.byNode.get(n.name);
    used.set(n.name, { cpu: r?.cpuMilli ?? 0, mem: r?.memoryBytes ?? 0 });
  }
  const others = nodes.filter((n) => n.name !== nodeName);
  const vms = [...(index.vmsByNode.get(nodeName) ?? [])].sort(byName);
  const entries = vms.map((vm): PlanEntry => {
    const blocker = blockerOf(vm);
    const cls = vm.className ? classes?.get(vm.className) : undefined;
    const evict = !blocker;
    const entry: PlanEntry = { vm, evict, notes: notesOf(vm, cls, evict) };
    if (blocker) {
      entry.blocker = blocker;
      return entry;
    }
    const cpu = vmCpuMilli(vm);
    const mem = vmMemoryBytes(vm);
    const tolerations: Toleration[] = [...(vm.tolerations ?? []), ...(cls?.tolerations ?? [])];
    const noFit: Partial<Record<NoFit, number>> = {};
    const fail = (r: NoFit) => (noFit[r] = (noFit[r] ?? 0) + 1);
    let best: { name: string; score: number } | undefined;
    for (const n of others) {
      const u = used.get(n.name) ?? { cpu: 0, mem: 0 };
      if (n.ready !== true) fail('notReady');
      else if (n.unschedulable) fail('cordoned');
      else if (
        !Object.entries(vm.nodeSelector ?? {}).every(([k, v]) => n.labels[k] === v) ||
        !matchesNodeAffinity(vm, n) ||
        (cls &&
          (cls.availableNodes
            ? !cls.availableNodes.includes(n.name)
            : !matchesSelector(n.labels, cls.selector)))
      )
        fail('selector');
      else if (
        n.taints.some(
          (t) =>
            (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t),
        )
      )
        fail('taint');
      else if (n.cpuMilli !== null && u.cpu + cpu > n.cpuMilli) fail('cpu');
      else if (n.memoryBytes !== null && u.mem + mem > n.memoryBytes) fail('memory');
      else {
        // Spread as the scheduler tends to: the node with the most CPU left afterwards.
        const score = n.cpuMilli ? 1 - (u.cpu + cpu) / n.cpuMilli : 0;
        if (!best || score > best.score || (score === best.score && n.name < best.name))
          best = { name: n.name, score };
      }
    }
    if (best) {
      entry.target = best.name;
      const u = used.get(best.name) ?? { cpu: 0, mem: 0 };
      used.set(best.name, { cpu: u.cpu + cpu, mem: u.mem + mem });
    } else {
      entry.noFit = noFit;
    }
    return entry;
  });
  const evictions = entries.filter((e) => e.evict).length;
  return { node: nodeName, entries, evictions, staying: entries.length - evictions };
}
