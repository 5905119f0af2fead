import type { Query, QueryClient } from '@tanstack/react-query';
import {
  CLUSTER_RESOURCES,
  parseTopicKey,
  vmPlacementOf,
  type KubeObject,
  type ListPage,
  type ObjectEvent,
  type StreamMessage,
  type VmDetail,
  type VmPlacementList,
  type VmRow,
} from '@dvp/api';
import { olderSpec } from './object-order.ts';

/**
 * Applies the BFF's stream to the query cache (style.md §5.5), as pure functions over cached
 * data plus one dispatcher. Objects are matched by `metadata.uid`; resourceVersions are compared
 * for equality only. A MODIFIED object is replaced where it stands, so rows never jump while
 * updates stream in; an ADDED one may belong anywhere in a server-sorted, filtered page, so lists
 * of its topic are refetched instead.
 */

type Uid = string | undefined;

/** A page with the VM row of `row.uid` replaced (its lastOperation kept), or the same page. */
export function replaceVmRow(
  page: ListPage<VmRow>,
  row: Omit<VmRow, 'lastOperation'>,
): ListPage<VmRow> {
  const i = page.items.findIndex((r) => r.uid === row.uid);
  const old = page.items[i];
  if (!old || old.resourceVersion === row.resourceVersion) return page;
  const items = page.items.slice();
  items[i] = { ...row, lastOperation: old.lastOperation };
  return { ...page, items };
}

/** A page without the item of `uid`, or the same page. */
export function removeByUid<T>(page: ListPage<T>, uid: Uid, uidOf: (t: T) => Uid): ListPage<T> {
  const items = page.items.filter((x) => uidOf(x) !== uid);
  return items.length === page.items.length
    ? page
    : { ...page, items, total: Math.max(0, page.total - 1) };
}

/** A page with the object of the same uid replaced, or the same page. */
export function replaceObject(page: ListPage<KubeObject>, obj: KubeObject): ListPage<KubeObject> {
  const i = page.items.findIndex((o) => o.metadata.uid === obj.metadata.uid);
  const old = page.items[i];
  if (!old || old.metadata.resourceVersion === obj.metadata.resourceVersion) return page;
  const items = page.items.slice();
  items[i] = obj;
  return { ...page, items };
}

/** The placement list after a VM event: the VM's entry replaced, added or removed. */
export function withPlacement(
  list: VmPlacementList,
  obj: KubeObject,
  deleted: boolean,
): VmPlacementList {
  const uid = obj.metadata.uid;
  const i = list.items.findIndex((p) => p.uid === uid);
  const ns = obj.metadata.namespace ?? '';
  if (deleted) return i < 0 ? list : { ...list, items: list.items.filter((_, j) => j !== i) };
  // A restricted user's list covers only its namespaces (events of others cannot arrive, but a
  // cluster-wide topic from another page must not widen it).
  if (i < 0 && list.namespaces && !list.namespaces.includes(ns)) return list;
  const items = list.items.slice();
  if (i < 0) items.push(vmPlacementOf(obj));
  else items[i] = vmPlacementOf(obj);
  return { ...list, items };
}

/** The row's last operation after an operation event (the newest operation of the VM wins). */
export function withOperation(
  page: ListPage<VmRow>,
  op: KubeObject,
  deleted: boolean,
): ListPage<VmRow> {
  const vmName = (op.spec as { virtualMachineName?: string } | undefined)?.virtualMachineName;
  const i = page.items.findIndex((r) => r.name === vmName);
  const row = page.items[i];
  if (!row) return page;
  const created = op.metadata.creationTimestamp ?? '';
  const current = row.lastOperation;
  let next = current;
  if (deleted) {
    if (current?.name !== op.metadata.name) return page;
    next = null;
  } else if (
    !current ||
    current.name === op.metadata.name ||
    created >= current.creationTimestamp
  ) {
    next = {
      name: op.metadata.name ?? '',
      type: (op.spec as { type?: string } | undefined)?.type ?? '',
      phase: (op.status as { phase?: string } | undefined)?.phase ?? 'Pending',
      creationTimestamp: created,
    };
  }
  if (next === current) return page;
  const items = page.items.slice();
  items[i] = { ...row, lastOperation: next };
  return { ...page, items };
}

type Key = readonly unknown[];
const nameOf = (k: Key) => k[0] as string;
const paramsOf = (k: Key) => (k[1] ?? {}) as Record<string, string | undefined>;

/** Does the cached query of `key` show objects of `resource` in `namespace`? */
export function keyShowsTopic(key: Key, resource: string, namespace?: string): boolean {
  const p = paramsOf(key);
  switch (nameOf(key)) {
    case 'vmList':
    case 'vmView':
      return (
        (resource === 'virtualmachines' ||
          resource === 'virtualmachineoperations' ||
          (nameOf(key) === 'vmView' && resource !== 'events')) &&
        p.namespace === namespace
      );
    case 'resourceList':
    case 'resourceView':
      return p.resource === resource && p.namespace === namespace;
    case 'clusterResourceList':
    case 'clusterResourceView':
      return p.resource === resource;
    case 'vmPlacementList':
      return resource === 'virtualmachines';
    case 'projectList':
      return !CLUSTER_RESOURCES.includes(resource as never) || resource === 'projects';
    default:
      return false;
  }
}

/** Queries with a fetch in flight that must fetch once more when it settles. */
const refetchScheduled = new WeakSet<Query>();

/**
 * A fetch in flight may have been answered before the change that just arrived (a RESYNC, or an
 * event applied to the cache that the answer would then overwrite), and TanStack Query joins a
 * refetch of a query without data to the fetch in flight. Fetch once more when it settles (once,
 * however many changes arrive meanwhile). Lists with data are left to their events: refetching
 * them after every fetch that saw an event would never stop while events stream in.
 */
function refetchAfterFlight(client: QueryClient, query: Query): void {
  if (query.state.fetchStatus !== 'fetching' || refetchScheduled.has(query)) return;
  refetchScheduled.add(query);
  const filters = { queryKey: query.queryKey, exact: true };
  void client.refetchQueries(filters, { cancelRefetch: false }).finally(() => {
    refetchScheduled.delete(query);
    void client.invalidateQueries(filters);
  });
}

function applyObjectEvent(client: QueryClient, ev: ObjectEvent): void {
  const { resource, namespace } = parseTopicKey(ev.topic);
  const obj = ev.object as KubeObject;
  const uid = obj.metadata.uid;
  const stale: Key[] = [];
  for (const query of client.getQueryCache().getAll()) {
    const key = query.queryKey;
    if (!keyShowsTopic(key, resource, namespace)) continue;
    const name = nameOf(key);
    const data = query.state.data;
    if (data === undefined) {
      // Its first answer may predate this event.
      refetchAfterFlight(client, query);
      continue;
    }
    if (name === 'vmList') {
      const page = data as ListPage<VmRow>;
      let next = page;
      if (resource === 'virtualmachineoperations') {
        next = withOperation(page, obj, ev.type === 'DELETED');
      } else if (ev.type === 'ADDED') {
        if (!page.items.some((r) => r.uid === uid)) stale.push(key);
      } else if (ev.type === 'DELETED') {
        next = removeByUid(page, uid, (r) => r.uid);
      } else if (ev.row) {
        next = replaceVmRow(page, ev.row);
      }
      if (next !== page) client.setQueryData(key, next);
    } else if (name === 'vmView') {
      const detail = data as VmDetail;
      const p = paramsOf(key);
      if (resource === 'virtualmachines' && obj.metadata.name === p.name) {
        // The page reads the VM fresh, so an event can be older than what it shows.
        if (
          ev.type !== 'DELETED' &&
          ev.row &&
          detail.vm.metadata.uid === uid &&
          !olderSpec(obj, detail.vm)
        ) {
          client.setQueryData(key, {
            ...detail,
            vm: obj as unknown as VmDetail['vm'],
            row: { ...ev.row, lastOperation: detail.row.lastOperation },
          });
        }
        stale.push(key); // derived parts (conditions, pending changes) come from the BFF
      } else if (resource !== 'virtualmachines') {
        stale.push(key);
      }
    } else if (name === 'resourceList' || name === 'clusterResourceList') {
      const page = data as ListPage<KubeObject>;
      let next = page;
      if (ev.type === 'ADDED') {
        if (!page.items.some((o) => o.metadata.uid === uid)) stale.push(key);
      } else if (ev.type === 'DELETED') next = removeByUid(page, uid, (o) => o.metadata.uid);
      else next = replaceObject(page, obj);
      if (next !== page) client.setQueryData(key, next);
    } else if (name === 'resourceView' || name === 'clusterResourceView') {
      if (paramsOf(key).name !== obj.metadata.name) continue;
      if (ev.type === 'DELETED') stale.push(key);
      else {
        client.setQueryData(key, obj);
        // A refetch in flight (after a RESYNC) may answer an older copy than this event.
        refetchAfterFlight(client, query);
      }
    } else if (name === 'vmPlacementList') {
      client.setQueryData(key, withPlacement(data as VmPlacementList, obj, ev.type === 'DELETED'));
    } else if (name === 'projectList' && ev.type !== 'MODIFIED') {
      stale.push(key);
    }
  }
  for (const key of stale) void client.invalidateQueries({ queryKey: key, exact: true });
}

/** Marks every cached query that shows `topic` stale (RESYNC, ERROR, or a new stream). */
export function invalidateTopic(client: QueryClient, topic: string): void {
  const { resource, namespace } = parseTopicKey(topic);
  const predicate = (q: Query) => keyShowsTopic(q.queryKey, resource, namespace);
  // A first fetch in flight is joined, not restarted, by the invalidation below.
  for (const query of client.getQueryCache().findAll({ predicate }))
    if (query.state.data === undefined) refetchAfterFlight(client, query);
  void client.invalidateQueries({ predicate });
}

/** Applies one stream message to the cache. */
export function applyStreamMessage(client: QueryClient, msg: StreamMessage): void {
  switch (msg.type) {
    case 'HELLO':
      return;
    case 'RESYNC':
    case 'ERROR':
      // Also on `subscribed`: a page fetched before the topic went live may have missed events.
      return invalidateTopic(client, msg.topic);
    default:
      return applyObjectEvent(client, msg);
  }
}
