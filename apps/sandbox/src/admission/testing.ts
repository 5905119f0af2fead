/**
 * Test doubles for admission unit tests: an in-memory AdmissionContext and request builders.
 * Not used by the product.
 */
import type { KubeObject } from '../apiserver/types.ts';
import type { AdmissionContext, AdmissionRequest } from './types.ts';
import { DECKHOUSE, DVP } from './util.ts';

/** Reads from a fixed list of objects, matching group by `apiVersion`. */
export function memoryContext(objects: KubeObject[]): AdmissionContext {
  const groupOf = (o: KubeObject) =>
    o.apiVersion.includes('/') ? (o.apiVersion.split('/')[0] ?? '') : '';
  return {
    get: (group, kind, name, namespace) =>
      objects.find(
        (o) =>
          groupOf(o) === group &&
          o.kind === kind &&
          o.metadata.name === name &&
          (o.metadata.namespace ?? undefined) === namespace,
      ),
    list: (group, kind, namespace) =>
      objects.filter(
        (o) =>
          groupOf(o) === group &&
          o.kind === kind &&
          (namespace === undefined || o.metadata.namespace === namespace),
      ),
  };
}

/** A DVP object of `kind`. */
export function dvp(
  kind: string,
  name: string,
  body: Record<string, unknown> = {},
  meta: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return {
    apiVersion: `${DVP}/v1alpha2`,
    kind,
    metadata: { name, ...meta },
    ...body,
  };
}

/** A namespaced DVP object in namespace `ns`. */
export function nsd(
  kind: string,
  name: string,
  body: Record<string, unknown> = {},
  ns = 'ns',
): KubeObject {
  return dvp(kind, name, body, { namespace: ns });
}

/** `ModuleConfig/virtualization` with the given CIDRs. */
export function moduleConfig(cidrs?: string[]): KubeObject {
  return {
    apiVersion: `${DECKHOUSE}/v1alpha1`,
    kind: 'ModuleConfig',
    metadata: { name: 'virtualization' },
    spec: { enabled: true, settings: cidrs ? { virtualMachineCIDRs: cidrs } : {} },
  };
}

/** An admission request for `object` (CREATE unless `oldObject` is given). */
export function req(
  object: KubeObject,
  oldObject?: KubeObject,
  extra: Partial<AdmissionRequest> = {},
): AdmissionRequest {
  const [group = '', version = ''] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  return {
    operation: oldObject ? 'UPDATE' : 'CREATE',
    group,
    kind: object.kind,
    version,
    object,
    ...(oldObject ? { oldObject } : {}),
    user: { username: 'alice', groups: ['system:authenticated'] },
    dryRun: false,
    ...extra,
  };
}

/** A deep copy with changes applied by `edit`. */
export function edited(obj: KubeObject, edit: (o: KubeObject) => void): KubeObject {
  const copy = structuredClone(obj);
  edit(copy);
  return copy;
}
