import type {
  ApiResourceName,
  KubeObject,
  ListPage,
  ListQuery,
  VmRow,
  VmRowOperation,
} from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import type { Informer } from '../k8s/informer.ts';
import { listPage, parseListQuery } from './list-engine.ts';
import { resourceLister, vmLister } from './listers.ts';
import { listAsUser, mayRead, readCollection } from './reads.ts';

type DataContext = Pick<AppContext, 'reviewer' | 'cache' | 'rest'>;

interface VmopLike {
  metadata: { name?: string; creationTimestamp?: string };
  spec?: { type?: string; virtualMachineName?: string };
  status?: { phase?: string };
}

function newer(a: VmopLike, b: VmopLike): boolean {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  // RFC 3339 UTC timestamps compare as strings; equal seconds fall back to the name.
  return ta !== tb ? ta > tb : (a.metadata.name ?? '') > (b.metadata.name ?? '');
}

/** The newest VirtualMachineOperation per VM name among `ops`. */
export function latestOperations(ops: Iterable<KubeObject>): Map<string, VmRowOperation> {
  const best = new Map<string, VmopLike>();
  for (const o of ops as Iterable<VmopLike>) {
    const vm = o.spec?.virtualMachineName;
    if (!vm) continue;
    const cur = best.get(vm);
    if (!cur || newer(o, cur)) best.set(vm, o);
  }
  const out = new Map<string, VmRowOperation>();
  for (const [vm, o] of best) {
    out.set(vm, {
      name: o.metadata.name ?? '',
      type: o.spec?.type ?? '',
      phase: o.status?.phase ?? 'Pending',
      creationTimestamp: o.metadata.creationTimestamp ?? '',
    });
  }
  return out;
}

// Per informer and namespace, recomputed only when the VMOP cache changed.
const latestMemo = new WeakMap<
  Informer,
  Map<string, { rv: string; byVm: Map<string, VmRowOperation> }>
>();

/** Last operation per VM in `namespace`, or undefined when the user may not list VMOPs there. */
async function lastOperations(
  ctx: DataContext,
  identity: Identity,
  namespace: string,
  signal?: AbortSignal,
): Promise<Map<string, VmRowOperation> | undefined> {
  if (!(await mayRead(ctx, identity, 'virtualmachineoperations', 'list', namespace)))
    return undefined;
  const inf = await ctx.cache.tryReady('virtualmachineoperations');
  if (!inf) {
    const c = await listAsUser(ctx, identity, 'virtualmachineoperations', namespace, signal);
    return latestOperations(c.objects);
  }
  let perNs = latestMemo.get(inf);
  if (!perNs) {
    perNs = new Map();
    latestMemo.set(inf, perNs);
  }
  const hit = perNs.get(namespace);
  if (hit && hit.rv === inf.resourceVersion) return hit.byVm;
  const byVm = latestOperations(inf.list(namespace));
  perNs.set(namespace, { rv: inf.resourceVersion, byVm });
  return byVm;
}

/** `vmList`: rows ready to render, filtered, sorted and paged over the cache. */
export async function vmListPage(
  ctx: DataContext,
  identity: Identity,
  namespace: string,
  query: ListQuery,
  signal?: AbortSignal,
): Promise<ListPage<VmRow>> {
  const q = parseListQuery(query, vmLister.sortKeys);
  const [vms, ops] = await Promise.all([
    readCollection(ctx, identity, 'virtualmachines', namespace, signal),
    lastOperations(ctx, identity, namespace, signal),
  ]);
  const page = listPage(vms.objects, vmLister, q, vms.resourceVersion);
  // Rows are shared between requests (memoized): the per-request part goes on a copy.
  return {
    ...page,
    items: page.items.map((r) => ({ ...r, lastOperation: ops?.get(r.name) ?? null })),
  };
}

/** `resourceList` / `clusterResourceList`: any served kind, same engine; rows are the objects. */
export async function resourceListPage(
  ctx: DataContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  query: ListQuery,
  signal?: AbortSignal,
): Promise<ListPage<KubeObject>> {
  const lister = resourceLister(resource);
  const q = parseListQuery(query, lister.sortKeys);
  const c = await readCollection(ctx, identity, resource, namespace, signal);
  return listPage(c.objects, lister, q, c.resourceVersion);
}
