import type { KubeObject, ListPage } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';

/** The module whose settings these pages edit. */
export const MODULE = 'virtualization';

export const moduleQuery = q(api.clusterResourceView, { resource: 'moduleconfigs', name: MODULE });

/** The live `ModuleConfig/virtualization`. */
export function useModuleConfig() {
  useWatch('moduleconfigs');
  return useQuery(moduleQuery);
}

/** Storage class names (for the DVCR and image/disk storage class fields). */
export function useStorageClassNames(): string[] | undefined {
  const can = useCan('list', 'storageclasses');
  const res = useQuery({
    ...q(api.clusterResourceList, { resource: 'storageclasses' }, { limit: 500 }),
    enabled: can.allowed,
  });
  return res.data?.items.map((s) => s.metadata.name ?? '').sort();
}

const LEASES = { resource: 'virtualmachineipaddressleases' } as const;

/**
 * The names (the address: `ip-a-b-c-d`) of the IP leases holding an address (not `Released`:
 * a released lease is free for the next VirtualMachineIPAddress), all pages, live. Keyed like a cluster list
 * with its own query shape, so the stream reducer keeps the one merged page current.
 */
export function useLeaseNames(): { names: string[] | undefined; error: unknown } {
  const can = useCan('list', 'virtualmachineipaddressleases');
  useWatch(can.allowed ? 'virtualmachineipaddressleases' : undefined);
  const res = useQuery({
    queryKey: ['clusterResourceList', LEASES, { limit: 500, pages: 'all' }],
    enabled: can.allowed,
    queryFn: async ({ signal }): Promise<ListPage<KubeObject>> => {
      const items: KubeObject[] = [];
      let page: ListPage<KubeObject> | undefined;
      do {
        page = await call(api.clusterResourceList, {
          params: LEASES,
          query: { limit: 500, ...(page?.continue ? { continue: page.continue } : {}) },
          signal,
        });
        items.push(...page.items);
      } while (page.continue);
      return { ...page, items, total: items.length };
    },
  });
  const names = res.data?.items
    .filter((l) => (l.status as { phase?: string } | undefined)?.phase !== 'Released')
    .map((l) => l.metadata.name ?? '');
  return { names, error: res.error };
}
