import { z } from 'zod';
import { findDefinitionByPlural, storageVersion, type ResourceDefinition } from '../resources.ts';

/**
 * The kinds the BFF serves to the console, by plural name, with where they live in Kubernetes.
 * Secrets are deliberately absent: the console never reads them through the BFF.
 */
const NAMESPACED = {
  virtualmachines: 'virtualization.deckhouse.io',
  virtualdisks: 'virtualization.deckhouse.io',
  virtualimages: 'virtualization.deckhouse.io',
  virtualdisksnapshots: 'virtualization.deckhouse.io',
  virtualmachinesnapshots: 'virtualization.deckhouse.io',
  virtualmachineoperations: 'virtualization.deckhouse.io',
  virtualmachinesnapshotoperations: 'virtualization.deckhouse.io',
  virtualmachineipaddresses: 'virtualization.deckhouse.io',
  virtualmachinemacaddresses: 'virtualization.deckhouse.io',
  virtualmachineblockdeviceattachments: 'virtualization.deckhouse.io',
  virtualmachinerestores: 'virtualization.deckhouse.io',
  services: '',
  ingresses: 'networking.k8s.io',
  events: '',
} as const;

const CLUSTER = {
  clustervirtualimages: 'virtualization.deckhouse.io',
  virtualmachineclasses: 'virtualization.deckhouse.io',
  virtualmachineipaddressleases: 'virtualization.deckhouse.io',
  virtualmachinemacaddressleases: 'virtualization.deckhouse.io',
  nodes: '',
  namespaces: '',
  storageclasses: 'storage.k8s.io',
  volumesnapshotclasses: 'snapshot.storage.k8s.io',
  moduleconfigs: 'deckhouse.io',
  projects: 'deckhouse.io',
} as const;

export type NamespacedResource = keyof typeof NAMESPACED;
export type ClusterResource = keyof typeof CLUSTER;
export type ApiResourceName = NamespacedResource | ClusterResource;

export const NAMESPACED_RESOURCES = Object.keys(NAMESPACED) as NamespacedResource[];
export const CLUSTER_RESOURCES = Object.keys(CLUSTER) as ClusterResource[];

export const NamespacedResourceSchema = z.enum(NAMESPACED_RESOURCES as [NamespacedResource]);
export const ClusterResourceSchema = z.enum(CLUSTER_RESOURCES as [ClusterResource]);

/** Where one served kind lives: group, served version, kind, scope, and its URL in Kubernetes. */
export interface ApiResource {
  resource: ApiResourceName;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  def: ResourceDefinition;
}

function describe(resource: ApiResourceName, group: string): ApiResource {
  const def = findDefinitionByPlural(group, resource);
  if (!def) throw new Error(`no resource definition for ${resource}.${group}`);
  return {
    resource,
    group,
    version: storageVersion(def),
    kind: def.kind,
    namespaced: def.namespaced,
    def,
  };
}

export const API_RESOURCES: Readonly<Record<ApiResourceName, ApiResource>> = Object.fromEntries([
  ...Object.entries(NAMESPACED).map(([r, g]) => [r, describe(r as ApiResourceName, g)]),
  ...Object.entries(CLUSTER).map(([r, g]) => [r, describe(r as ApiResourceName, g)]),
]) as Record<ApiResourceName, ApiResource>;

/** The Kubernetes API path of a collection (`namespace` for namespaced kinds) or of one object. */
export function kubePath(r: ApiResource, namespace?: string, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${r.resource}${obj}`;
}
