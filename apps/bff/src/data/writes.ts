import {
  API_RESOURCES,
  kubePath,
  REQUESTED_BY_ANNOTATION,
  validateObject,
  type ApiResource,
  type ApiResourceName,
  type FieldCause,
  type KubeObject,
  type Status,
  type VmAction,
} from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import { statusErrors } from '../k8s/status.ts';

/**
 * Writes always run as the user and answer what the cluster answered (its object, or its Status:
 * 403 when the user may not, 409 when a patch's resourceVersion is stale, 422 from its own
 * validation). The BFF validates create bodies with the shared schemas first, so a form gets
 * every field error at once in kube's shape without a round trip.
 */

type WriteContext = Pick<AppContext, 'rest'>;

/** Marks our writes in `managedFields`. */
export const FIELD_MANAGER = 'dvp-console';

export interface WriteOptions {
  dryRun?: 'All' | undefined;
  signal?: AbortSignal;
}

export interface CreateOptions extends WriteOptions {
  /**
   * The user the BFF authenticated: written as `REQUESTED_BY_ANNOTATION` on the operations
   * (VirtualMachineOperations) it creates, whatever the body said.
   */
  requestedBy?: string | undefined;
}

/** Kinds whose objects record who asked for them (the VM page's Events tab shows it). */
const RECORDS_REQUESTER: ReadonlySet<ApiResourceName> = new Set(['virtualmachineoperations']);

export function recordsRequester(resource: ApiResourceName): boolean {
  return RECORDS_REQUESTER.has(resource);
}

/**
 * The user's name as the cluster knows it (the reviewer's memoized SelfSubjectReview), for
 * `CreateOptions.requestedBy`. Not known (the review failed) is `undefined`: the write goes on
 * and the operation records no requester.
 */
export async function requesterOf(
  ctx: Pick<AppContext, 'reviewer'>,
  identity: Identity,
): Promise<string | undefined> {
  try {
    return (await ctx.reviewer.whoami(identity)).username || undefined;
  } catch {
    return undefined;
  }
}

type Annotations = Record<string, unknown>;

function annotationsOf(metadata: Record<string, unknown>): Annotations | null | undefined {
  const a = metadata.annotations;
  return a && typeof a === 'object' && !Array.isArray(a) ? (a as Annotations) : (a as null);
}

/**
 * The create body with `REQUESTED_BY_ANNOTATION` set to `user`, replacing whatever the client
 * sent for that key (a body cannot claim to come from someone else). Without a user (not known)
 * the key is dropped, so the operation shows "not recorded" rather than a claim.
 */
export function withRequester(body: CreateBody, user: string | undefined): CreateBody {
  const { [REQUESTED_BY_ANNOTATION]: _claimed, ...rest } = annotationsOf(body.metadata) ?? {};
  const annotations = user ? { ...rest, [REQUESTED_BY_ANNOTATION]: user } : rest;
  const metadata: CreateBody['metadata'] = { ...body.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...body, metadata };
}

/**
 * A merge patch with any change to `REQUESTED_BY_ANNOTATION` removed: the recorded requester stays
 * what the BFF wrote. (A patch that nulls all annotations still clears it, as it clears the rest;
 * it cannot then claim another user.)
 */
export function withoutRequesterChange(body: Record<string, unknown>): Record<string, unknown> {
  const metadata = body.metadata;
  if (!metadata || typeof metadata !== 'object') return body;
  const annotations = annotationsOf(metadata as Record<string, unknown>);
  if (!annotations || !(REQUESTED_BY_ANNOTATION in annotations)) return body;
  const { [REQUESTED_BY_ANNOTATION]: _changed, ...rest } = annotations;
  return { ...body, metadata: { ...metadata, annotations: rest } };
}

function apiVersionOf(r: ApiResource): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** kube's name for an object in messages: `VirtualMachine.virtualization.deckhouse.io "vm-1"`. */
function qualified(r: ApiResource, name: string): string {
  return `${r.kind}${r.group ? `.${r.group}` : ''} "${name}"`;
}

function unsupported(field: string, value: string, supported: string): FieldCause {
  return {
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: "${value}": supported values: "${supported}"`,
    field,
  };
}

/** A create body (the contract's `ObjectBodySchema`). */
export interface CreateBody {
  apiVersion?: string | undefined;
  kind?: string | undefined;
  metadata: {
    name?: string | undefined;
    generateName?: string | undefined;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** Fills `apiVersion`/`kind`, checks they name this endpoint's kind, validates the object. */
export function prepareCreate(r: ApiResource, body: CreateBody): KubeObject {
  const apiVersion = body.apiVersion ?? apiVersionOf(r);
  const kind = body.kind ?? r.kind;
  const obj = { ...body, apiVersion, kind };
  const name = body.metadata.name ?? body.metadata.generateName ?? '';
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const causes: FieldCause[] = [];
  if (group !== r.group) causes.push(unsupported('apiVersion', apiVersion, apiVersionOf(r)));
  if (kind !== r.kind) causes.push(unsupported('kind', kind, r.kind));
  if (causes.length === 0) {
    // Unknown versions have no schema here: the cluster judges them.
    const result = validateObject(r.group, r.kind, version, obj);
    if (result && !result.ok) causes.push(...result.causes);
  }
  if (causes.length) {
    throw statusErrors.invalid(qualified(r, name), causes, {
      name,
      ...(r.group ? { group: r.group } : {}),
      kind: r.kind,
    });
  }
  return obj;
}

/** POST as the user (`fieldManager=dvp-console`; `dryRun=All` for live form validation). */
export function createObject<T = KubeObject>(
  ctx: WriteContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  body: CreateBody,
  opts: CreateOptions = {},
): Promise<T> {
  const r = API_RESOURCES[resource];
  const obj = prepareCreate(
    r,
    RECORDS_REQUESTER.has(resource) ? withRequester(body, opts.requestedBy) : body,
  );
  return ctx.rest.request<T>(identity, {
    method: 'POST',
    path: kubePath(r, namespace),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun },
    body: obj,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/**
 * JSON merge patch as the user. The body carries `metadata.resourceVersion` (the contract's
 * schema requires it), which the cluster treats as a precondition: a stale edit is its 409.
 */
export function patchObject<T = KubeObject>(
  ctx: WriteContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  name: string,
  body: Record<string, unknown>,
  opts: WriteOptions = {},
): Promise<T> {
  return ctx.rest.request<T>(identity, {
    method: 'PATCH',
    path: kubePath(API_RESOURCES[resource], namespace, name),
    query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun },
    body: RECORDS_REQUESTER.has(resource) ? withoutRequesterChange(body) : body,
    contentType: 'application/merge-patch+json',
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** DELETE as the user; dependents go in the background, as `kubectl delete` does. */
export function deleteObject<T = KubeObject>(
  ctx: WriteContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  name: string,
  opts: WriteOptions = {},
): Promise<T | Status> {
  return ctx.rest.request<T | Status>(identity, {
    method: 'DELETE',
    path: kubePath(API_RESOURCES[resource], namespace, name),
    query: { propagationPolicy: 'Background', dryRun: opts.dryRun },
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

const VMOP_TYPES: Record<VmAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  migrate: 'Migrate',
  evict: 'Evict',
};

/** The VirtualMachineOperation an action creates (as `d8 v` does: `generateName: <vm>-…`). */
export function vmopFor(
  vm: string,
  action: VmAction,
  body: { force?: boolean | undefined; targetNodeName?: string | undefined },
): CreateBody {
  if (body.targetNodeName !== undefined && action !== 'migrate') {
    throw statusErrors.invalid('the request body', [
      {
        reason: 'FieldValueForbidden',
        message: 'Forbidden: only the migrate action takes a target node',
        field: 'targetNodeName',
      },
    ]);
  }
  return {
    metadata: { generateName: `${vm}-${action}-` },
    spec: {
      type: VMOP_TYPES[action],
      virtualMachineName: vm,
      ...(body.force !== undefined ? { force: body.force } : {}),
      ...(body.targetNodeName
        ? { migrate: { nodeSelector: { 'kubernetes.io/hostname': body.targetNodeName } } }
        : {}),
    },
  };
}
