import { endpoints, vmPlacementOf, type KubeObject, type VmPlacement } from '@dvp/api';
import type { Router } from 'express';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import { listAsUser, mayRead } from '../data/reads.ts';
import { route } from '../http/endpoint.ts';
import { statusErrors } from '../k8s/status.ts';

type DataContext = Pick<AppContext, 'reviewer' | 'cache' | 'rest'>;

// Placement rows are recomputed only for objects that changed (the cache replaces an object on
// every event, so identity is a sufficient key).
const memo = new WeakMap<KubeObject, VmPlacement>();
function placementOf(obj: KubeObject): VmPlacement {
  let p = memo.get(obj);
  if (!p) {
    p = vmPlacementOf(obj);
    memo.set(obj, p);
  }
  return p;
}

const REVIEW_CONCURRENCY = 16;

async function filterLimit<T>(items: T[], fn: (t: T) => Promise<boolean>): Promise<T[]> {
  const keep = new Array<boolean>(items.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      keep[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REVIEW_CONCURRENCY, items.length) }, worker));
  return items.filter((_, i) => keep[i]);
}

const byName = (a: VmPlacement, b: VmPlacement) =>
  a.namespace === b.namespace
    ? a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : 0
    : a.namespace < b.namespace
      ? -1
      : 1;

/**
 * `vmPlacementList`: all VMs for a user who may list them cluster-wide (the access review asked
 * as that user); otherwise the VMs of each namespace the cluster lets the user list VMs in (never
 * the BFF's wider view); a 403 Status when there is no such namespace.
 */
export async function vmPlacements(
  ctx: DataContext,
  identity: Identity,
  signal?: AbortSignal,
): Promise<{ items: VmPlacement[]; namespaces?: string[] }> {
  const clusterWide = await mayRead(ctx, identity, 'virtualmachines', 'list');
  const inf = await ctx.cache.tryReady('virtualmachines');
  if (clusterWide) {
    const objs = inf
      ? inf.list()
      : (await listAsUser(ctx, identity, 'virtualmachines', undefined, signal)).objects;
    return { items: [...objs].map(placementOf).sort(byName) };
  }
  // Namespaces to consider come from the BFF's own caches; which of them the user sees is the
  // cluster's answer for that user.
  const nsInf = await ctx.cache.tryReady('namespaces');
  const candidates = new Set<string>();
  for (const o of nsInf?.list() ?? []) candidates.add(o.metadata.name ?? '');
  for (const o of inf?.list() ?? []) candidates.add(o.metadata.namespace ?? '');
  candidates.delete('');
  const allowed = await filterLimit([...candidates].sort(), (ns) =>
    mayRead(ctx, identity, 'virtualmachines', 'list', ns),
  );
  if (allowed.length === 0)
    throw statusErrors.forbidden(
      'virtualmachines.virtualization.deckhouse.io is forbidden: the user cannot list resource ' +
        '"virtualmachines" in API group "virtualization.deckhouse.io" at the cluster scope or in any namespace',
    );
  const items: VmPlacement[] = [];
  for (const ns of allowed) {
    const objs = inf
      ? inf.list(ns)
      : (await listAsUser(ctx, identity, 'virtualmachines', ns, signal)).objects;
    for (const o of objs) items.push(placementOf(o));
  }
  return { items: items.sort(byName), namespaces: allowed };
}

/** Where VMs run, cluster-wide (the node views and the drain plan). */
export function registerPlacementRoutes(router: Router, ctx: AppContext): void {
  route(router, endpoints.vmPlacementList, ({ auth, signal }) =>
    vmPlacements(ctx, auth.identity, signal),
  );
}
