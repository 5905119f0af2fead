import { useQuery } from '@tanstack/react-query';
import type { KubeObject } from '@dvp/api';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useCan } from '../../../api/session.tsx';
import { useWatch } from '../../../api/watch.ts';
import { useDebounced } from '../../disks/create/use-dry-run.ts';

/** The cluster's VolumeSnapshotClasses (empty when the user may not list them). */
export function useSnapshotClasses(): { items: KubeObject[]; pending: boolean; readable: boolean } {
  const can = useCan('list', 'volumesnapshotclasses');
  useWatch(can.allowed ? 'volumesnapshotclasses' : undefined);
  const res = useQuery({
    ...q(api.clusterResourceList, { resource: 'volumesnapshotclasses' }, { limit: 500 }),
    enabled: can.allowed,
  });
  return {
    items: res.data?.items ?? [],
    pending: can.pending || (can.allowed && res.isPending),
    readable: can.allowed,
  };
}

/** Disks whose names contain `text` (a picker's suggestions; the server filters 10,000). */
export function useDiskSuggestions(namespace: string, text: string): KubeObject[] {
  const settled = useDebounced(text.trim(), 250);
  const res = useQuery(
    q(
      api.resourceList,
      { namespace, resource: 'virtualdisks' },
      { q: settled || undefined, limit: 20 },
    ),
  );
  return res.data?.items ?? [];
}

/** VMs whose names contain `text`. */
export function useVmSuggestions(namespace: string, text: string) {
  const settled = useDebounced(text.trim(), 250);
  useWatch(`virtualmachines/${namespace}`);
  const res = useQuery(q(api.vmList, { namespace }, { q: settled || undefined, limit: 20 }));
  return { items: res.data?.items ?? [], pending: res.isPending, settled };
}
