import type { Condition } from '../meta.ts';

/**
 * The VM list row: everything `kubectl get vm -o wide` shows and a little more, computed by the
 * BFF from the VM and its operations so the console renders without more requests.
 */
export interface VmRow {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  /** Set while the VM is being deleted. */
  deletionTimestamp?: string;
  labels: Record<string, string>;
  phase: string;
  cores: number | null;
  coreFraction: string | null;
  /** A quantity as the status reports it (`1Gi`). */
  memory: string | null;
  /** AwaitingRestartToApplyConfiguration (null: unknown). */
  needRestart: boolean | null;
  /** AgentReady. */
  agent: boolean | null;
  /** Migratable. */
  migratable: boolean | null;
  node: string | null;
  ipAddress: string | null;
  /** `.status.stats.lastStartTime`: the start of the current run. */
  lastStartTime: string | null;
  className: string | null;
  /** `spec.runPolicy`, DVP's default when unset: decides which power operations apply. */
  runPolicy: string;
  disks: { kind: string; name: string }[];
  lastOperation: VmRowOperation | null;
}

export interface VmRowOperation {
  name: string;
  type: string;
  phase: string;
  creationTimestamp: string;
}

/** Sort keys of the VM list. */
export const VM_SORT_KEYS = [
  'name',
  'phase',
  'cores',
  'memory',
  'node',
  'ipAddress',
  'age',
  'className',
] as const;
export type VmSortKey = (typeof VM_SORT_KEYS)[number];

interface VmLike {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    virtualMachineClassName?: string;
    runPolicy?: string;
    blockDeviceRefs?: { kind: string; name: string }[];
  };
  status?: {
    phase?: string;
    nodeName?: string;
    ipAddress?: string;
    conditions?: Condition[];
    stats?: { lastStartTime?: string } | null;
    resources?: {
      cpu?: { cores?: number; coreFraction?: string };
      memory?: { size?: string };
    };
  };
}

function conditionFlag(conditions: Condition[] | undefined, type: string): boolean | null {
  const c = conditions?.find((x) => x.type === type);
  if (!c || c.status === 'Unknown') return null;
  return c.status === 'True';
}

/** Builds the list row of a VM (an object as the API returns it). */
export function vmRowOf(vm: VmLike, lastOperation: VmRowOperation | null = null): VmRow {
  const m = vm.metadata;
  const st = vm.status ?? {};
  const row: VmRow = {
    name: m.name ?? '',
    namespace: m.namespace ?? '',
    uid: m.uid ?? '',
    resourceVersion: m.resourceVersion ?? '',
    creationTimestamp: m.creationTimestamp ?? '',
    labels: m.labels ?? {},
    phase: st.phase ?? 'Pending',
    cores: st.resources?.cpu?.cores ?? null,
    coreFraction: st.resources?.cpu?.coreFraction ?? null,
    memory: st.resources?.memory?.size ?? null,
    needRestart: conditionFlag(st.conditions, 'AwaitingRestartToApplyConfiguration') ?? false,
    agent: conditionFlag(st.conditions, 'AgentReady'),
    migratable: conditionFlag(st.conditions, 'Migratable'),
    node: st.nodeName || null,
    ipAddress: st.ipAddress || null,
    lastStartTime: st.stats?.lastStartTime ?? null,
    className: vm.spec?.virtualMachineClassName ?? null,
    runPolicy: vm.spec?.runPolicy || 'AlwaysOnUnlessStoppedManually',
    disks: (vm.spec?.blockDeviceRefs ?? []).map((r) => ({ kind: r.kind, name: r.name })),
    lastOperation,
  };
  if (m.deletionTimestamp) row.deletionTimestamp = m.deletionTimestamp;
  return row;
}
