import {
  quantityToBytes,
  RESOURCE_SORT_KEYS,
  tryParseQuantity,
  VM_SORT_KEYS,
  vmRowOf,
  type ApiResourceName,
  type KubeObject,
  type VmRow,
} from '@dvp/api';
import { withKind } from './reads.ts';
import { memoLister, type ListEntry, type Lister, type SortValue } from './list-engine.ts';

/** `age` sorts newest first when ascending (the smallest age), as the console's column reads. */
function ageValue(ts: string | undefined): SortValue {
  const t = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? null : -t;
}

function memoryBytes(size: string | null): SortValue {
  const q = size ? tryParseQuantity(size) : undefined;
  return q ? Number(quantityToBytes(q)) : null;
}

/** A VM's list row without `lastOperation` (that comes from the VMOP cache per request). */
export const vmLister: Lister<VmRow> = memoLister(VM_SORT_KEYS, (obj): ListEntry<VmRow> => {
  const row = vmRowOf(obj);
  return {
    row,
    namespace: row.namespace,
    name: row.name,
    labels: row.labels,
    phase: row.phase,
    node: row.node,
    text: [row.name, row.node ?? '', row.ipAddress ?? '', row.className ?? '']
      .join('\n')
      .toLowerCase(),
    sort: {
      name: row.name,
      phase: row.phase,
      cores: row.cores,
      memory: memoryBytes(row.memory),
      node: row.node,
      ipAddress: row.ipAddress,
      age: ageValue(row.creationTimestamp),
      className: row.className,
    },
  };
});

interface Conditioned {
  status?: { phase?: unknown; state?: unknown; conditions?: { type?: string; status?: string }[] };
  type?: unknown;
}

/**
 * The phase a generic list filters and facets on: `status.phase` for most kinds; a Project's
 * `status.state`; a node's Ready condition; an event's type (Normal/Warning).
 */
export function phaseOf(resource: ApiResourceName, obj: KubeObject): string | null {
  const o = obj as Conditioned;
  switch (resource) {
    case 'projects':
      return typeof o.status?.state === 'string' ? o.status.state : null;
    case 'nodes': {
      const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready) return null;
      return ready.status === 'True' ? 'Ready' : 'NotReady';
    }
    case 'events':
      return typeof o.type === 'string' ? o.type : null;
    default:
      return typeof o.status?.phase === 'string' ? o.status.phase : null;
  }
}

const generic = new Map<ApiResourceName, Lister<KubeObject>>();

/** The lister of a generic kind: rows are the objects themselves. */
export function resourceLister(resource: ApiResourceName): Lister<KubeObject> {
  let l = generic.get(resource);
  if (!l) {
    l = memoLister(RESOURCE_SORT_KEYS, (obj): ListEntry<KubeObject> => {
      const name = obj.metadata.name ?? '';
      const phase = phaseOf(resource, obj);
      return {
        row: withKind(resource, obj),
        namespace: obj.metadata.namespace ?? '',
        name,
        labels: obj.metadata.labels,
        phase,
        node: null,
        text: name.toLowerCase(),
        sort: { name, phase, age: ageValue(obj.metadata.creationTimestamp) },
      };
    });
    generic.set(resource, l);
  }
  return l;
}
