/**
 * Placement of VMs on the sandbox's nodes, as kube-scheduler would place their virt-launcher
 * pods: node selectors (class and VM), node affinity, VM/pod (anti-)affinity, taints and
 * tolerations, cordoned and NotReady nodes, and CPU/memory requests. Pure: callers pass the
 * nodes and the VMs already placed.
 */
import { parseQuantity, quantityToBytes } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';

/** A label selector (`matchLabels` + `matchExpressions`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A toleration as on a Pod. */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

interface AffinityTerm {
  labelSelector?: LabelSelector;
  topologyKey: string;
  namespaces?: string[];
}

/** What the scheduler needs of the VM being placed. */
export interface PlacementRequest {
  name: string;
  namespace: string;
  /** Millicores: cores × coreFraction. */
  cpuMilli: number;
  memoryBytes: number;
  nodeSelector?: Record<string, string>;
  classSelector?: LabelSelector;
  affinity?: Record<string, unknown>;
  tolerations?: Toleration[];
  /** Extra selector (a Migrate VMOP's `migrate.nodeSelector`). */
  extraSelector?: Record<string, string>;
  /** Nodes not to use (the current node when migrating). */
  excludeNodes?: string[];
}

/** A VM already on a node (uses resources, matches affinity terms). */
export interface PlacedVm {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  node: string;
  cpuMilli: number;
  memoryBytes: number;
}

/** A node as the scheduler sees it. */
export interface SchedulableNode {
  node: KubeObject;
  /** False when the node's agent is dead (no heartbeat). */
  alive: boolean;
}

export type PlacementResult =
  { node: string; message?: undefined } | { node?: undefined; message: string };

/** Millicores of a CPU quantity (`2`, `500m`). */
export function cpuMilli(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const s = String(q);
  if (s.endsWith('m')) return Number.parseInt(s, 10);
  return Math.round(Number(s) * 1000);
}

/** Bytes of a memory quantity. */
export function memoryBytes(q: string | number | undefined): number {
  if (q === undefined) return 0;
  return Number(quantityToBytes(parseQuantity(q)));
}

function matchExpression(
  labels: Record<string, string>,
  e: { key: string; operator: string; values?: string[] },
): boolean {
  const v = labels[e.key];
  const values = e.values ?? [];
  switch (e.operator) {
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

/** Whether `labels` match a label selector (an empty selector matches everything). */
export function matchesSelector(labels: Record<string, string>, sel?: LabelSelector): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (sel.matchExpressions ?? []).every((e) => matchExpression(labels, e));
}

function tolerates(tolerations: Toleration[], taint: Toleration): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function nodeTerms(affinity: Record<string, unknown> | undefined): LabelSelector[] | undefined {
  const na = affinity?.nodeAffinity as Record<string, unknown> | undefined;
  const req = na?.requiredDuringSchedulingIgnoredDuringExecution as
    { nodeSelectorTerms?: LabelSelector[] } | undefined;
  return req?.nodeSelectorTerms;
}

function requiredTerms(affinity: Record<string, unknown> | undefined, key: string) {
  const a = affinity?.[key] as Record<string, unknown> | undefined;
  return (a?.requiredDuringSchedulingIgnoredDuringExecution as AffinityTerm[] | undefined) ?? [];
}

function preferredTerms(affinity: Record<string, unknown> | undefined, key: string) {
  const a = affinity?.[key] as Record<string, unknown> | undefined;
  const list = a?.preferredDuringSchedulingIgnoredDuringExecution as
    | {
        weight: number;
        virtualMachineAndPodAffinityTerm?: AffinityTerm;
        podAffinityTerm?: AffinityTerm;
      }[]
    | undefined;
  return (list ?? []).map((p) => ({
    weight: p.weight,
    term: p.virtualMachineAndPodAffinityTerm ?? p.podAffinityTerm,
  }));
}

function labelsOf(node: KubeObject): Record<string, string> {
  return node.metadata.labels ?? {};
}

/** True when some VM matching `term` sits in the same topology domain as `node`. */
function termSatisfied(
  term: AffinityTerm,
  req: PlacementRequest,
  node: KubeObject,
  nodes: Map<string, KubeObject>,
  placed: PlacedVm[],
): boolean {
  const domain = labelsOf(node)[term.topologyKey];
  if (domain === undefined) return false;
  const namespaces = term.namespaces?.length ? term.namespaces : [req.namespace];
  return placed.some((p) => {
    if (!namespaces.includes(p.namespace)) return false;
    if (p.name === req.name && p.namespace === req.namespace) return false;
    if (!matchesSelector(p.labels, term.labelSelector)) return false;
    const other = nodes.get(p.node);
    return other !== undefined && labelsOf(other)[term.topologyKey] === domain;
  });
}

function isReady(node: KubeObject): boolean {
  const conds = (node.status as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions;
  return conds?.find((c) => c.type === 'Ready')?.status === 'True';
}

/**
 * Picks a node for `req` or explains, as kube-scheduler does, why none fits
 * ("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, …").
 */
export function placeVm(
  req: PlacementRequest,
  candidates: SchedulableNode[],
  placed: PlacedVm[],
): PlacementResult {
  const byName = new Map(candidates.map((c) => [c.node.metadata.name ?? '', c.node]));
  const reasons = new Map<string, number>();
  const fail = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const fits: { name: string; score: number }[] = [];
  const others = placed.filter((p) => !(p.name === req.name && p.namespace === req.namespace));
  for (const { node, alive } of candidates) {
    const name = node.metadata.name ?? '';
    const labels = labelsOf(node);
    const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Toleration[] };
    if (req.excludeNodes?.includes(name)) {
      fail('node(s) is the virtual machine\u2019s current node');
      continue;
    }
    if (!alive || !isReady(node)) {
      fail('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
      continue;
    }
    if (spec.unschedulable) {
      fail('node(s) were unschedulable');
      continue;
    }
    const selectorOk =
      Object.entries({ ...req.nodeSelector, ...req.extraSelector }).every(
        ([k, v]) => labels[k] === v,
      ) &&
      matchesSelector(labels, req.classSelector) &&
      (nodeTerms(req.affinity)?.some((t) => matchesSelector(labels, t)) ?? true);
    if (!selectorOk) {
      fail("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const taint = (spec.taints ?? []).find(
      (t) =>
        (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
        !tolerates(req.tolerations ?? [], t),
    );
    if (taint) {
      fail(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      continue;
    }
    const affinity = requiredTerms(req.affinity, 'virtualMachineAndPodAffinity');
    if (!affinity.every((t) => termSatisfied(t, req, node, byName, others))) {
      fail("node(s) didn't match pod affinity rules");
      continue;
    }
    const anti = requiredTerms(req.affinity, 'virtualMachineAndPodAntiAffinity');
    if (anti.some((t) => termSatisfied(t, req, node, byName, others))) {
      fail("node(s) didn't match pod anti-affinity rules");
      continue;
    }
    const alloc = (node.status as { allocatable?: Record<string, string> } | undefined)
      ?.allocatable;
    const onNode = others.filter((p) => p.node === name);
    const usedCpu = onNode.reduce((a, p) => a + p.cpuMilli, 0);
    const usedMem = onNode.reduce((a, p) => a + p.memoryBytes, 0);
    if (alloc?.cpu !== undefined && usedCpu + req.cpuMilli > cpuMilli(alloc.cpu)) {
      fail('Insufficient cpu');
      continue;
    }
    if (alloc?.memory !== undefined && usedMem + req.memoryBytes > memoryBytes(alloc.memory)) {
      fail('Insufficient memory');
      continue;
    }
    let score = 0;
    for (const p of preferredTerms(req.affinity, 'virtualMachineAndPodAffinity'))
      if (p.term && termSatisfied(p.term, req, node, byName, others)) score += p.weight;
    for (const p of preferredTerms(req.affinity, 'virtualMachineAndPodAntiAffinity'))
      if (p.term && termSatisfied(p.term, req, node, byName, others)) score -= p.weight;
    const na = req.affinity?.nodeAffinity as Record<string, unknown> | undefined;
    const prefs = (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as {
      weight: number;
      preference: LabelSelector;
    }[];
    for (const p of prefs) if (matchesSelector(labels, p.preference)) score += p.weight;
    // Spread: prefer the least loaded node (a fraction, below any affinity weight).
    const cap = cpuMilli(alloc?.cpu) || 1;
    score += 1 - usedCpu / cap;
    fits.push({ name, score });
  }
  fits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const best = fits[0];
  if (best) return { node: best.name };
  const parts = [...reasons].map(([r, n]) =>
    r.startsWith('Insufficient') ? `${n} ${r}` : `${n} ${r}`,
  );
  return {
    message: `0/${candidates.length} nodes are available: ${parts.sort().join(', ')}.`,
  };
}
