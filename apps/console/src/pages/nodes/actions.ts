import { api, call } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import type { PlanEntry } from './plan.ts';

/** An operation the drain created: `namespace/name`, as kept in the page URL. */
export type OpRef = string;

export const opRef = (namespace: string, name: string): OpRef => `${namespace}/${name}`;

export function parseOpRefs(value: string | null): { namespace: string; name: string }[] {
  return (value ?? '')
    .split(',')
    .map((r) => r.split('/'))
    .filter((p): p is [string, string] => p.length === 2 && !!p[0] && !!p[1])
    .map(([namespace, name]) => ({ namespace, name }));
}

const ATTEMPTS = 3;

/**
 * Sets or clears the node's cordon (`spec.unschedulable`). A node's status changes every few
 * seconds (heartbeats), so the patch carries the resourceVersion of a copy read just before,
 * and a Conflict caused by such a status write is retried with a fresh copy: the user's intent
 * is this one field, which a status write cannot have changed.
 */
export async function setCordon(name: string, cordon: boolean): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const node = await call(api.clusterResourceView, { params: { resource: 'nodes', name } });
    const now = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    if (now === cordon) return;
    try {
      await call(api.clusterResourcePatch, {
        params: { resource: 'nodes', name },
        body: {
          metadata: { resourceVersion: node.metadata.resourceVersion ?? '' },
          spec: { unschedulable: cordon ? true : null },
        },
      });
      return;
    } catch (e) {
      const err = toApiError(e);
      if (err.reason !== 'Conflict' || attempt >= ATTEMPTS) throw err;
    }
  }
}

export interface EvacuationResult {
  ops: OpRef[];
  failed: { vm: string; error: ApiError }[];
}

/** One Evict operation (live migration off the node) per VM the plan evacuates. */
export async function evacuate(entries: readonly PlanEntry[]): Promise<EvacuationResult> {
  const out: EvacuationResult = { ops: [], failed: [] };
  const results = await Promise.allSettled(
    entries
      .filter((e) => e.evict)
      .map(async (e) => {
        const op = await call(api.vmAction, {
          params: { namespace: e.vm.namespace, name: e.vm.name, action: 'evict' },
          body: {},
        });
        return opRef(e.vm.namespace, op.metadata.name ?? '');
      }),
  );
  const evicted = entries.filter((e) => e.evict);
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') out.ops.push(r.value);
    else out.failed.push({ vm: evicted[i]?.vm.name ?? '', error: toApiError(r.reason) });
  });
  return out;
}
