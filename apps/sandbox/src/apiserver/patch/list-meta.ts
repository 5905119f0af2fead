/**
 * How the lists of the kinds we serve merge. Two views of the same k8s.io/api struct tags:
 * - strategic merge patch: `patchStrategy:"merge"` + `patchMergeKey` (no key = a list of scalars
 *   merged as a set); anything else is replaced wholesale;
 * - server-side apply: `+listType=map` + `+listMapKey`, `+listType=set`; anything else is atomic.
 * Custom resources follow their CRD schema: lists are atomic unless `x-kubernetes-list-type` says
 * otherwise (only VirtualMachinePool declares a map list). ObjectMeta is the same for every kind.
 *
 * Paths are dotted field names from the object root; `[]` steps into list items
 * (`spec.containers[].ports`).
 */

interface ListRule {
  /** Strategic merge: merge by this key ('' = a set of scalars); absent = replace. */
  smpKey?: string;
  /** Server-side apply: 'set', the map keys, or absent = atomic. */
  ssa?: 'set' | readonly string[];
}

const byType: ListRule = { smpKey: 'type', ssa: ['type'] };
const byName: ListRule = { smpKey: 'name', ssa: ['name'] };
const scalarSet: ListRule = { smpKey: '', ssa: 'set' };

const OBJECT_META: Record<string, ListRule> = {
  'metadata.ownerReferences': { smpKey: 'uid', ssa: ['uid'] },
  'metadata.finalizers': scalarSet,
};

const CONTAINER: Record<string, ListRule> = {
  ports: { smpKey: 'containerPort', ssa: ['containerPort', 'protocol'] },
  env: byName,
  volumeMounts: { smpKey: 'mountPath', ssa: ['mountPath'] },
  volumeDevices: { smpKey: 'devicePath', ssa: ['devicePath'] },
};

function containers(field: string): Record<string, ListRule> {
  const out: Record<string, ListRule> = { [`spec.${field}`]: byName };
  for (const [k, v] of Object.entries(CONTAINER)) out[`spec.${field}[].${k}`] = v;
  return out;
}

const KINDS: Record<string, Record<string, ListRule>> = {
  Node: {
    'spec.podCIDRs': scalarSet,
    'status.conditions': byType,
    // Several InternalIP entries are legal, so apply treats the list as atomic.
    'status.addresses': { smpKey: 'type' },
  },
  Namespace: { 'status.conditions': byType },
  Service: {
    'spec.ports': { smpKey: 'port', ssa: ['port', 'protocol'] },
    'status.conditions': byType,
  },
  PersistentVolumeClaim: { 'status.conditions': byType },
  Pod: {
    ...containers('containers'),
    ...containers('initContainers'),
    'spec.volumes': byName,
    'spec.imagePullSecrets': byName,
    'status.conditions': byType,
  },
  VirtualMachinePool: { 'spec.virtualDiskTemplates': { ssa: ['name'] } },
};

function rule(kind: string, path: string): ListRule | undefined {
  return OBJECT_META[path] ?? KINDS[kind]?.[path];
}

/** The strategic-merge key of the list at `path`: a field name, '' for a scalar set, or undefined to replace. */
export function smpMergeKey(kind: string, path: string): string | undefined {
  return rule(kind, path)?.smpKey;
}

/** The server-side-apply type of the list at `path`: map keys, 'set', or undefined for atomic. */
export function ssaListType(kind: string, path: string): 'set' | readonly string[] | undefined {
  return rule(kind, path)?.ssa;
}
