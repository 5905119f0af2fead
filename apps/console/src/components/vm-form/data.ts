/** The project and cluster objects the VM form picks from, kept fresh by the watch stream. */
import { useQuery } from '@tanstack/react-query';
import type { KubeObject } from '@dvp/api';
import { api } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { useWatch } from '../../api/watch.ts';

const LIMIT = { limit: 500 } as const;

export function useProjectList(
  namespace: string,
  resource: 'virtualdisks' | 'virtualimages',
): { items: KubeObject[]; pending: boolean } {
  useWatch(`${resource}/${namespace}`);
  const res = useQuery(q(api.resourceList, { namespace, resource }, LIMIT));
  return { items: res.data?.items ?? [], pending: res.isPending };
}

export function useClusterList(
  resource: 'clustervirtualimages' | 'storageclasses' | 'virtualmachineclasses',
): { items: KubeObject[]; pending: boolean } {
  useWatch(resource);
  const res = useQuery(q(api.clusterResourceList, { resource }, LIMIT));
  return { items: res.data?.items ?? [], pending: res.isPending };
}

/** The StorageClass marked default (`storageclass.kubernetes.io/is-default-class: "true"`). */
export function defaultStorageClass(items: readonly KubeObject[]): string {
  const d = items.find(
    (s) => s.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
  );
  return d?.metadata.name ?? '';
}

/** An image's unpacked size (`status.size.unpacked`), if the image reports it. */
export function imageSize(image: KubeObject | undefined): string | undefined {
  const status = image?.status as { size?: { unpacked?: string } } | undefined;
  return status?.size?.unpacked || undefined;
}

/** True when no VM has the disk attached (`status.attachedToVirtualMachines`). */
export function isFreeDisk(disk: KubeObject): boolean {
  const status = disk.status as { attachedToVirtualMachines?: unknown[] } | undefined;
  return !status?.attachedToVirtualMachines?.length;
}
