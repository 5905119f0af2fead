import {
  CLUSTER_RESOURCES,
  topicKey,
  type ClusterResource,
  type GenericResource,
  type KubeObject,
  type ListQuery,
} from '@dvp/api';
import { api } from '../../api/client.ts';
import { usePages } from '../../api/use-pages.ts';
import { useWatch } from '../../api/watch.ts';

const uidOf = (o: KubeObject) => o.metadata.uid;

export function isClusterResource(resource: string): resource is ClusterResource {
  return (CLUSTER_RESOURCES as readonly string[]).includes(resource);
}

/**
 * A live, server-paged list of one kind: namespaced kinds in `namespace`, cluster kinds
 * cluster-wide. Subscribes to the kind's stream topic, so rows update in place.
 */
export function useResourcePages(
  resource: GenericResource | ClusterResource,
  namespace: string | undefined,
  query: ListQuery,
) {
  const cluster = isClusterResource(resource);
  useWatch(topicKey(cluster ? { resource } : { resource, namespace: namespace ?? '' }));
  const ns = usePages<KubeObject, typeof api.resourceList>(
    api.resourceList,
    { namespace: namespace ?? '', resource: resource as GenericResource },
    query,
    uidOf,
    { enabled: !cluster && !!namespace },
  );
  const cl = usePages<KubeObject, typeof api.clusterResourceList>(
    api.clusterResourceList,
    { resource: resource as ClusterResource },
    query,
    uidOf,
    { enabled: cluster },
  );
  return cluster ? cl : ns;
}
