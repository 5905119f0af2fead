import { coreResources } from './resources/core.ts';
import { dvpResources } from './resources/dvp.ts';

/**
 * The resource table: every kind the product touches, with the facts an API server and its
 * clients need (group, versions, plural, short names, scope, categories, printer columns).
 * DVP rows follow the DVP CRDs (deckhouse/virtualization `crds/`, commit cf3a9e6c4); core rows
 * follow kube-apiserver v1.32.
 */

/** A column of `kubectl get` output, as in a CRD's `additionalPrinterColumns`. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** A kubectl-style JSONPath (`.status.phase`, `.status.conditions[?(@.type=='Ready')].status`). */
  jsonPath?: string;
  /** For built-in kinds whose columns are computed rather than read from one path. */
  compute?: (obj: Record<string, unknown>) => unknown;
  description?: string;
  format?: string;
  /** 1 = shown only with `-o wide`. */
  priority?: number;
}

/** One served version of a kind. */
export interface ResourceVersion {
  name: string;
  /** The version objects are stored in. Exactly one per kind. */
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
}

/** `eviction` is core/v1 Pods' (a policy/v1 `Eviction` is POSTed to it). */
export type Subresource = 'status' | 'scale' | 'eviction';

/** The facts about one kind that discovery, routing, tables and clients need. */
export interface ResourceDefinition {
  /** '' for the core group (`/api/v1`). */
  group: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: Subresource[];
  versions: ResourceVersion[];
  printerColumns: PrinterColumn[];
  /** Verbs served on the collection/object; omitted = all CRUD verbs and watch. */
  verbs?: string[];
  /** Virtual kinds (reviews) are answered, never stored. */
  virtual?: boolean;
}

export const DVP_GROUP = 'virtualization.deckhouse.io';
export const DVP_VERSION = 'v1alpha2';

/** Every kind served by the sandbox and understood by the BFF. */
export const resourceDefinitions: readonly ResourceDefinition[] = [
  ...dvpResources,
  ...coreResources,
];

/** The storage (preferred) version of a kind. */
export function storageVersion(def: ResourceDefinition): string {
  const v = def.versions.find((x) => x.storage) ?? def.versions[0];
  if (!v) throw new Error(`resource ${def.kind} has no versions`);
  return v.name;
}

/** Finds a kind by group and kind name. */
export function findDefinitionByKind(group: string, kind: string): ResourceDefinition | undefined {
  return resourceDefinitions.find((d) => d.group === group && d.kind === kind);
}

/** Finds a kind by group and plural resource name. */
export function findDefinitionByPlural(
  group: string,
  plural: string,
): ResourceDefinition | undefined {
  return resourceDefinitions.find((d) => d.group === group && d.plural === plural);
}

/** `apiVersion` string for a group and version (`v1` for core). */
export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
