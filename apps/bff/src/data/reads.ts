import { API_RESOURCES, kubePath, type ApiResourceName, type KubeObject } from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import type { Informer } from '../k8s/informer.ts';
import { StatusError } from '../k8s/status.ts';

/**
 * Reads for a user (the security rule of the BFF): the shared cache serves a read only after the
 * cluster's access review, asked as that user, allows exactly that read. Otherwise the request
 * goes to the cluster as the user, so a refusal is the cluster's own 403 (or 404) Status, and a
 * kind the BFF's account may not cache is still readable by those who may read it.
 */

type ReadContext = Pick<AppContext, 'reviewer' | 'cache' | 'rest'>;

/** The synced informer when `identity` may `verb` the kind there and the cache holds it. */
export async function cacheFor(
  ctx: ReadContext,
  identity: Identity,
  resource: ApiResourceName,
  verb: 'list' | 'get',
  namespace?: string,
  name?: string,
): Promise<Informer | undefined> {
  if (!(await mayRead(ctx, identity, resource, verb, namespace, name))) return undefined;
  return ctx.cache.tryReady(resource);
}

/** The cluster's access review for a read (namespace ignored for cluster kinds). */
export function mayRead(
  ctx: Pick<AppContext, 'reviewer'>,
  identity: Identity,
  resource: ApiResourceName,
  verb: 'list' | 'get',
  namespace?: string,
  name?: string,
): Promise<boolean> {
  const r = API_RESOURCES[resource];
  return ctx.reviewer.can(identity, {
    verb,
    group: r.group,
    resource: r.resource,
    ...(r.namespaced && namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  });
}

/**
 * The object with `apiVersion`/`kind` set: kube leaves them off the items of a LIST of built-in
 * kinds, and a cache filled by a LIST keeps them that way; the console expects whole objects.
 */
export function withKind(resource: ApiResourceName, obj: KubeObject): KubeObject {
  if (obj.kind && obj.apiVersion) return obj;
  const r = API_RESOURCES[resource];
  return { ...obj, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind };
}

export interface Collection {
  /** Not a copy when it comes from the cache: iterate, do not keep. */
  objects: Iterable<KubeObject>;
  resourceVersion: string;
}

interface KubeList {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/** LIST as the user, all pages (the fallback when the cache may not serve). */
export async function listAsUser(
  ctx: Pick<AppContext, 'rest'>,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<Collection> {
  const r = API_RESOURCES[resource];
  const objects: KubeObject[] = [];
  let resourceVersion = '';
  let cont: string | undefined;
  do {
    const page = await ctx.rest.request<KubeList>(identity, {
      path: kubePath(r, namespace),
      query: { limit: 500, continue: cont },
      ...(signal ? { signal } : {}),
    });
    // kube leaves apiVersion/kind off list items; the console expects whole objects.
    for (const o of page.items ?? []) objects.push(withKind(resource, o));
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return { objects, resourceVersion };
}

/** The kind in `namespace` (or cluster-wide): from the cache if allowed, else as the user. */
export async function readCollection(
  ctx: ReadContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<Collection> {
  const inf = await cacheFor(ctx, identity, resource, 'list', namespace);
  if (inf) return { objects: inf.list(namespace), resourceVersion: inf.resourceVersion };
  return listAsUser(ctx, identity, resource, namespace, signal);
}

/**
 * Like `readCollection`, for one part of an aggregate: `forbidden` instead of an error when the
 * user may not list the kind there.
 */
export async function readPart(
  ctx: ReadContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<KubeObject[] | 'forbidden'> {
  if (!(await mayRead(ctx, identity, resource, 'list', namespace))) return 'forbidden';
  const inf = await ctx.cache.tryReady(resource);
  if (inf) return inf.list(namespace);
  try {
    return [...(await listAsUser(ctx, identity, resource, namespace, signal)).objects];
  } catch (e) {
    if (e instanceof StatusError && e.status.code === 403) return 'forbidden';
    throw e;
  }
}

/**
 * One object: from the cache if allowed and present; otherwise GET as the user, so a refusal or
 * absence is the cluster's answer (and an object created a moment ago is found even if the watch
 * has not delivered it yet).
 */
export async function readObject(
  ctx: ReadContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  name: string,
  signal?: AbortSignal,
): Promise<KubeObject> {
  const inf = await cacheFor(ctx, identity, resource, 'get', namespace, name);
  const hit = inf?.get(API_RESOURCES[resource].namespaced ? (namespace ?? '') : '', name);
  if (hit) return withKind(resource, hit);
  return readFresh(ctx, identity, resource, namespace, name, signal);
}

/**
 * One object as the cluster has it now: GET as the user, never from the cache. For the views the
 * console reads before a write that carries the object's resourceVersion (the generic object
 * view, the VM page): the watch may deliver a change a moment after the API serves it, and a
 * write based on the cached copy would then be refused with 409 until the watch caught up.
 */
export async function readFresh(
  ctx: ReadContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  name: string,
  signal?: AbortSignal,
): Promise<KubeObject> {
  const obj = await ctx.rest.request<KubeObject>(identity, {
    path: kubePath(API_RESOURCES[resource], namespace, name),
    ...(signal ? { signal } : {}),
  });
  return withKind(resource, obj);
}
