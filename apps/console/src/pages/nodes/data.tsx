import type { KubeObject, VmPlacementList } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';
import { nodeInfo, placementIndex, type NodeInfo, type PlacementIndex } from './model.ts';
import { classPlacement, type ClassPlacement } from './plan.ts';

/** The placement list query (shared by every cell and page: one request, one cache entry). */
export const placementQuery = q(api.vmPlacementList, {});

/** The VMs' placement, read from the cache (cells use this; the page keeps it live). */
export function usePlacement() {
  return useQuery({ ...placementQuery, select: selectIndex });
}

function selectIndex(data: VmPlacementList): PlacementIndex & { list: VmPlacementList } {
  return { ...placementIndex(data.items), list: data };
}

function WatchTopic({ topic }: { topic: string }) {
  useWatch(topic);
  return null;
}

/**
 * Keeps the placement list live: VM events (cluster-wide, or per namespace the user may list
 * VMs in) update it in place through the stream reducer.
 */
export function LivePlacement() {
  const data = useQuery(placementQuery).data;
  const topics = data
    ? (data.namespaces?.map((ns) => `virtualmachines/${ns}`) ?? ['virtualmachines'])
    : [];
  return (
    <>
      {topics.map((t) => (
        <WatchTopic key={t} topic={t} />
      ))}
    </>
  );
}

/** Watches the given topics while mounted. */
export function WatchTopics({ topics }: { topics: string[] }) {
  return (
    <>
      {[...new Set(topics)].map((t) => (
        <WatchTopic key={t} topic={t} />
      ))}
    </>
  );
}

/** Every node (live), as NodeInfo. */
export function useNodes() {
  useWatch('nodes');
  const res = useQuery(q(api.clusterResourceList, { resource: 'nodes' }, { limit: 500 }));
  const nodes = useMemo(
    () => (res.data?.items ?? []).map((n: KubeObject) => nodeInfo(n)),
    [res.data],
  );
  return { ...res, nodes };
}

/** VM classes' placement rules by name; undefined while unknown or not readable. */
export function useClassPlacements(): ReadonlyMap<string, ClassPlacement> | undefined {
  const can = useCan('list', 'virtualmachineclasses');
  const res = useQuery({
    ...q(api.clusterResourceList, { resource: 'virtualmachineclasses' }, { limit: 500 }),
    enabled: can.allowed,
  });
  return useMemo(
    () =>
      res.data
        ? new Map(res.data.items.map((c) => [c.metadata.name ?? '', classPlacement(c)]))
        : undefined,
    [res.data],
  );
}

export type { NodeInfo };
