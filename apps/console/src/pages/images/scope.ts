import type { KubeObject } from '@dvp/api';
import { api, call } from '../../api/client.ts';
import { paths } from '../../app/paths.ts';

/** Where images live: a project's `virtualimages` or the cluster's `clustervirtualimages`. */
export type ImageScope = { cluster: false; project: string } | { cluster: true };

export const projectScope = (project: string): ImageScope => ({ cluster: false, project });
export const CLUSTER_SCOPE: ImageScope = { cluster: true };

export type ImageResource = 'virtualimages' | 'clustervirtualimages';

export const resourceOf = (s: ImageScope): ImageResource =>
  s.cluster ? 'clustervirtualimages' : 'virtualimages';
export const kindOf = (s: ImageScope) => (s.cluster ? 'ClusterVirtualImage' : 'VirtualImage');
export const namespaceOf = (s: ImageScope): string | undefined =>
  s.cluster ? undefined : s.project;
/** The stream topic of the scope's images. */
export const topicOf = (s: ImageScope) =>
  s.cluster ? 'clustervirtualimages' : `virtualimages/${s.project}`;

export const IMAGE_TABS = ['overview', 'yaml'] as const;
export type ImageTab = (typeof IMAGE_TABS)[number];
export const isImageTab = (v: string | undefined): v is ImageTab =>
  (IMAGE_TABS as readonly string[]).includes(v ?? '');

/** The list page of the scope. */
export const listHref = (s: ImageScope) =>
  s.cluster ? paths.clusterImages() : paths.images(s.project);

/** An image's page; the YAML tab is `<image>/yaml` (a URL built here: paths.ts has no tabs). */
export function imageHref(s: ImageScope, name: string, tab: ImageTab = 'overview'): string {
  const base = s.cluster ? paths.clusterImage(name) : paths.image(s.project, name);
  return tab === 'overview' ? base : `${base}/${tab}`;
}

/** Query key parts and calls of one image. */
export function viewQuery(s: ImageScope, name: string) {
  return s.cluster
    ? ({ e: api.clusterResourceView, params: { resource: 'clustervirtualimages', name } } as const)
    : ({
        e: api.resourceView,
        params: { namespace: s.project, resource: 'virtualimages', name },
      } as const);
}

export function createImage(s: ImageScope, body: KubeObject, dryRun: boolean) {
  const query = dryRun ? { dryRun: 'All' as const } : {};
  return s.cluster
    ? call(api.clusterResourceCreate, {
        params: { resource: 'clustervirtualimages' },
        query,
        body,
      })
    : call(api.resourceCreate, {
        params: { namespace: s.project, resource: 'virtualimages' },
        query,
        body,
      });
}

export function deleteImage(s: ImageScope, name: string) {
  return s.cluster
    ? call(api.clusterResourceDelete, { params: { resource: 'clustervirtualimages', name } })
    : call(api.resourceDelete, {
        params: { namespace: s.project, resource: 'virtualimages', name },
      });
}
