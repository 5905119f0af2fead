import type { Registry, ServedResource } from '../registry.ts';
import { subresourcesAggregatedItem, subresourcesApiGroup } from './subresources/discovery.ts';

/** Content type kubectl ≥1.30 requires for aggregated discovery (anything else breaks it). */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 =
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

function verbsOf(s: ServedResource): string[] {
  return s.def.verbs ?? ALL_VERBS;
}

/** Kubernetes orders versions by stability then number: v1 > v1beta2 > v1beta1 > v1alpha3. */
function versionPriority(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const major = Number(m[1]);
  const level = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return level * 1_000_000 + major * 1000 + Number(m[3] ?? 0);
}

function sortedVersions(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => versionPriority(b) - versionPriority(a));
}

/** Which discovery document the client asked for. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('as=APIGroupDiscoveryList') && p.includes('g=apidiscovery.k8s.io')) {
      if (p.includes('v=v2beta1')) return 'v2beta1';
      if (p.includes('v=v2')) return 'v2';
    }
  }
  return undefined;
}

export function aggregatedContentType(v: 'v2' | 'v2beta1'): string {
  return v === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1;
}

/** `GET /api` (legacy). */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis` (legacy). */
export function apiGroupList(registry: Registry) {
  const groups = [];
  for (const [group, versions] of registry.groups()) {
    if (!group) continue;
    groups.push(apiGroup(group, [...versions.keys()]));
  }
  // The aggregated virtualization-api group comes last (lowest priority, as in DVP).
  groups.push(subresourcesApiGroup());
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `GET /apis/{group}`. */
export function apiGroup(group: string, versionNames: string[]) {
  const versions = sortedVersions(versionNames).map((version) => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions,
    preferredVersion: versions[0],
  };
}

/** The kind a subresource takes and returns: Scale (autoscaling/v1), Eviction (policy/v1). */
function subresourceKind(s: ServedResource, sub: string) {
  if (sub === 'scale') return { kind: 'Scale', group: 'autoscaling', version: 'v1' };
  // kubectl drain looks for `pods/eviction` with kind Eviction and its group/version here.
  if (sub === 'eviction') return { kind: 'Eviction', group: 'policy', version: 'v1' };
  return { kind: s.def.kind };
}

/** `GET /api/v1` or `/apis/{group}/{version}`. */
export function apiResourceList(group: string, version: string, resources: ServedResource[]) {
  const list: Record<string, unknown>[] = [];
  for (const s of resources) {
    list.push({
      name: s.def.plural,
      singularName: s.def.singular,
      namespaced: s.def.namespaced,
      kind: s.def.kind,
      verbs: verbsOf(s),
      ...(s.def.shortNames.length ? { shortNames: s.def.shortNames } : {}),
      ...(s.def.categories.length ? { categories: s.def.categories } : {}),
      storageVersionHash: '',
    });
    for (const sub of s.def.subresources) {
      list.push({
        name: `${s.def.plural}/${sub}`,
        singularName: '',
        namespaced: s.def.namespaced,
        ...subresourceKind(s, sub),
        verbs: sub === 'eviction' ? ['create'] : SUBRESOURCE_VERBS,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: list,
  };
}

function discoveryResource(s: ServedResource) {
  const responseKind = { group: s.group, version: s.version, kind: s.def.kind };
  return {
    resource: s.def.plural,
    responseKind,
    scope: s.def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: s.def.singular,
    verbs: verbsOf(s),
    ...(s.def.shortNames.length ? { shortNames: s.def.shortNames } : {}),
    ...(s.def.categories.length ? { categories: s.def.categories } : {}),
    ...(s.def.subresources.length
      ? {
          subresources: s.def.subresources.map((sub) => ({
            subresource: sub,
            responseKind:
              sub === 'scale' || sub === 'eviction'
                ? { group: '', version: '', ...subresourceKind(s, sub) }
                : responseKind,
            verbs: sub === 'eviction' ? ['create'] : SUBRESOURCE_VERBS,
          })),
        }
      : {}),
  };
}

/** Aggregated discovery (`apidiscovery.k8s.io`) for `/api` (`core`) or `/apis` (all groups). */
export function aggregatedDiscovery(
  registry: Registry,
  which: 'core' | 'groups',
  v: 'v2' | 'v2beta1',
) {
  const items = [];
  for (const [group, versions] of registry.groups()) {
    if ((which === 'core') !== (group === '')) continue;
    items.push({
      metadata: { name: group, creationTimestamp: null },
      versions: sortedVersions(versions.keys()).map((version) => ({
        version,
        freshness: 'Current',
        resources: (versions.get(version) ?? []).map(discoveryResource),
      })),
    });
  }
  if (which === 'groups') items.push(subresourcesAggregatedItem());
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items,
  };
}
