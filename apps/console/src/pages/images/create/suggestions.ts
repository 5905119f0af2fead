import type { KubeObject } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import type { ImageScope } from '../scope.ts';
import type { RefKind } from './build.ts';

const LIMIT = { limit: 500 } as const;

interface SourceSpec {
  spec?: { dataSource?: { http?: { url?: string }; containerImage?: { image?: string } } };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

/**
 * Links and container images offered as suggestions: the demo image catalogue the BFF publishes
 * (the embedded sandbox's, or CATALOGUE_URL; empty when there is none) first, then those already
 * used by the images the user can see (project and cluster images).
 */
export function useSourceSuggestions(scope: ImageScope): { urls: string[]; images: string[] } {
  const project = useQuery({
    ...q(
      api.resourceList,
      { namespace: scope.cluster ? '' : scope.project, resource: 'virtualimages' },
      LIMIT,
    ),
    enabled: !scope.cluster,
  });
  const cluster = useQuery(q(api.clusterResourceList, { resource: 'clustervirtualimages' }, LIMIT));
  const catalogue = useQuery({ ...q(api.catalogueView, {}), staleTime: 5 * 60_000 });
  const all = [...(project.data?.items ?? []), ...(cluster.data?.items ?? [])] as SourceSpec[];
  const offered = catalogue.data?.items.map((i) => i.url) ?? [];
  const offeredImages = catalogue.data?.containerImages ?? [];
  return {
    urls: [...new Set([...offered, ...unique(all.map((o) => o.spec?.dataSource?.http?.url))])],
    images: [
      ...new Set([
        ...offeredImages,
        ...unique(all.map((o) => o.spec?.dataSource?.containerImage?.image)),
      ]),
    ],
  };
}

const REF_RESOURCE = {
  VirtualImage: 'virtualimages',
  VirtualDisk: 'virtualdisks',
  VirtualDiskSnapshot: 'virtualdisksnapshots',
} as const;

/** Names of the objects of `kind` (in `namespace` for project kinds) an image can copy. */
export function useRefNames(kind: RefKind, namespace: string): string[] {
  const cluster = kind === 'ClusterVirtualImage';
  const ns = useQuery({
    ...q(
      api.resourceList,
      { namespace, resource: cluster ? 'virtualimages' : REF_RESOURCE[kind] },
      LIMIT,
    ),
    enabled: !cluster && !!namespace,
  });
  const cl = useQuery({
    ...q(api.clusterResourceList, { resource: 'clustervirtualimages' }, LIMIT),
    enabled: cluster,
  });
  const items: KubeObject[] = (cluster ? cl.data?.items : ns.data?.items) ?? [];
  return unique(items.map((o) => o.metadata.name));
}

/** The projects the user can see (a CVI's source or pull secret project). */
export function useProjectNames(enabled: boolean): string[] {
  const res = useQuery({ ...q(api.projectList, {}), enabled });
  return (res.data?.items ?? []).map((p) => p.name).sort();
}
