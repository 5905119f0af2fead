/** Data the disk pages and dialogs read, kept live by the watch stream. */
import { useQuery } from '@tanstack/react-query';
import type { GenericResource, KubeObject } from '@dvp/api';
import { api } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';
import { defaultStorageClass, useClusterList } from '../../components/vm-form/data.ts';

const LIMIT = { limit: 500 } as const;

/** Up to 500 objects of a project kind (pickers), live. */
export function useProjectObjects(
  namespace: string,
  resource: GenericResource,
  enabled = true,
): { items: KubeObject[]; pending: boolean } {
  useWatch(enabled ? `${resource}/${namespace}` : undefined);
  const res = useQuery({ ...q(api.resourceList, { namespace, resource }, LIMIT), enabled });
  return { items: res.data?.items ?? [], pending: enabled && res.isPending };
}

/** One project object, live (undefined while loading or when it does not exist). */
export function useProjectObject(namespace: string, resource: GenericResource, name: string) {
  useWatch(name ? `${resource}/${namespace}` : undefined);
  return useQuery({ ...q(api.resourceView, { namespace, resource, name }), enabled: !!name });
}

/**
 * The storage class a new disk gets when none is named: the module's
 * `virtualDisks.defaultStorageClassName` (when the user may read the module settings), else the
 * StorageClass annotated as the cluster default (the rule part 1's "Create new disk" uses).
 */
export function preferredStorageClass(
  classes: readonly KubeObject[],
  moduleDefault: string | undefined,
): string {
  if (moduleDefault && classes.some((c) => c.metadata.name === moduleDefault)) return moduleDefault;
  return defaultStorageClass(classes);
}

/** The storage classes and the default a new disk gets. */
export function useStorageClasses(): {
  items: KubeObject[];
  pending: boolean;
  defaultName: string;
} {
  const classes = useClusterList('storageclasses');
  const canModule = useCan('get', 'moduleconfigs');
  const module = useQuery({
    ...q(api.clusterResourceView, { resource: 'moduleconfigs', name: 'virtualization' }),
    enabled: canModule.allowed,
  });
  const settings = (module.data?.spec as { settings?: Record<string, unknown> } | undefined)
    ?.settings as { virtualDisks?: { defaultStorageClassName?: string } } | undefined;
  return {
    items: classes.items,
    pending: classes.pending,
    defaultName: preferredStorageClass(
      classes.items,
      settings?.virtualDisks?.defaultStorageClassName,
    ),
  };
}

/** `volumeBindingMode` of a storage class. */
export function bindingModeOf(sc: KubeObject | undefined): string | undefined {
  return (sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode;
}
