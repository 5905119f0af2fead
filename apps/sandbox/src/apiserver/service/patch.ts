import { parse as parseYaml } from 'yaml';
import { errors } from '../errors.ts';
import { applyServerSide } from '../patch/apply.ts';
import { applyJsonPatch } from '../patch/json-patch.ts';
import { applyMergePatch } from '../patch/merge-patch.ts';
import { applyStrategicMergePatch } from '../patch/strategic-merge.ts';
import type { ServedResource } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import {
  nowTimestamp,
  type ObjectService,
  type WriteOptions,
  type WriteResult,
} from './objects.ts';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/** Groups whose kinds are built in, so strategic merge patch applies (CRDs answer 415). */
const BUILT_IN_GROUPS = new Set([
  '',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
]);

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (e) {
    throw errors.badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

function asObject(v: unknown, what: string): KubeObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw errors.badRequest(`${what} must be a JSON object`);
  }
  const o = v as KubeObject;
  if (typeof o.metadata !== 'object' || o.metadata === null) o.metadata = {};
  return o;
}

/** PATCH with any of the four Kubernetes patch types; server-side apply may create. */
export async function patchObject(
  svc: ObjectService,
  served: ServedResource,
  namespace: string,
  name: string,
  contentType: string,
  body: Buffer,
  opts: WriteOptions & { force?: boolean },
): Promise<WriteResult> {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/apply-patch+yaml') {
    return serverSideApply(svc, served, namespace, name, body, opts);
  }
  const current = served.fromStorage(svc.getStored(served, namespace, name).obj);
  const base = structuredClone(current);
  let patched: unknown;
  switch (type) {
    case 'application/json-patch+json': {
      const ops = parseJson(body);
      if (!Array.isArray(ops)) throw errors.badRequest('json patch must be an array of operations');
      patched = applyJsonPatch(base, ops);
      break;
    }
    case 'application/merge-patch+json':
      patched = applyMergePatch(base, parseJson(body));
      break;
    case 'application/strategic-merge-patch+json':
      if (!BUILT_IN_GROUPS.has(served.group)) throw unsupported();
      patched = applyStrategicMergePatch(served.def.kind, base, parseJson(body));
      break;
    default:
      throw unsupported();
  }
  const next = asObject(patched, 'patched object');
  // A patch is checked against the current version only if it sets resourceVersion itself.
  const rvChanged = next.metadata.resourceVersion !== current.metadata.resourceVersion;
  if (!rvChanged) next.metadata.resourceVersion = current.metadata.resourceVersion;
  return svc.update(served, namespace, name, next, { ...opts, checkVersion: 'ifPresent' });
}

function unsupported() {
  return errors.unsupportedMediaType(
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
}

async function serverSideApply(
  svc: ObjectService,
  served: ServedResource,
  namespace: string,
  name: string,
  body: Buffer,
  opts: WriteOptions & { force?: boolean },
): Promise<WriteResult> {
  if (!opts.fieldManager) {
    throw errors.invalid(
      { group: 'meta.k8s.io', resource: 'patchoptions', kind: 'PatchOptions', name: '' },
      [
        {
          reason: 'FieldValueRequired',
          field: 'fieldManager',
          message: 'Required value: is required for apply patch',
        },
      ],
    );
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(body.toString('utf8'));
  } catch (e) {
    throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  const applied = asObject(parsed, 'applied configuration');
  svc.checkTypeMeta(served, applied);
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw errors.badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const existing = svc.store.get(served.storage, served.def.namespaced ? namespace : '', name);
  const current = existing ? served.fromStorage(existing.obj) : undefined;
  const { object, managedFields } = applyServerSide({
    ...(current ? { current } : {}),
    applied: { ...applied, metadata: { ...applied.metadata, name } },
    fieldManager: opts.fieldManager,
    force: !!opts.force,
    apiVersion: served.apiVersion,
    now: nowTimestamp(),
    statusSubresource: served.def.subresources.includes('status'),
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  });
  if (!current) {
    return svc.create(
      served,
      namespace,
      { ...object, metadata: { ...object.metadata, managedFields } },
      { ...opts, managedFields },
    );
  }
  object.metadata.resourceVersion = current.metadata.resourceVersion;
  return svc.update(served, namespace, name, object, {
    ...opts,
    checkVersion: 'ifPresent',
    managedFields,
  });
}
