import { parseFieldSelector, parseLabelSelector } from '../selectors.ts';
import { errors } from '../errors.ts';
import type { ServedResource } from '../registry.ts';
import type { Store, Stored } from '../storage/store.ts';
import type { KubeObject } from '../types.ts';

/** The result of a LIST: the page of objects and the list metadata. */
export interface ListPage {
  items: Stored[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string') throw new Error('bad token');
    return t;
  } catch {
    throw errors.badRequest('continue key is not valid: incorrect encoded start resourceVersion');
  }
}

/** A predicate over objects from `labelSelector` and `fieldSelector` query parameters. */
export function selectorFilter(
  served: ServedResource,
  query: URLSearchParams,
): ((o: KubeObject) => boolean) | undefined {
  const ls = query.get('labelSelector');
  const fs = query.get('fieldSelector');
  const labels = ls ? parseLabelSelector(ls) : undefined;
  const fields = fs ? parseFieldSelector(fs, served.def.kind) : undefined;
  if (!labels && !fields) return undefined;
  return (o) =>
    (!labels || labels.matches(o.metadata.labels ?? {})) && (!fields || fields.matches(o));
}

function keyOf(s: Stored): string {
  return `${s.obj.metadata.namespace ?? ''}/${s.obj.metadata.name ?? ''}`;
}

/** LIST with selectors and `limit`/`continue` paging (pages are in namespace/name order). */
export function listObjects(
  store: Store,
  served: ServedResource,
  namespace: string | undefined,
  query: URLSearchParams,
): ListPage {
  const filter = selectorFilter(served, query);
  const limitParam = query.get('limit');
  const limit = limitParam ? Number(limitParam) : 0;
  if (limitParam && (!Number.isInteger(limit) || limit < 0)) {
    throw errors.badRequest(`invalid limit: ${limitParam}`);
  }
  const cont = query.get('continue');
  const token = cont ? decodeContinue(cont) : undefined;
  let all = store.list(served.storage, served.def.namespaced ? namespace : undefined);
  if (token) all = all.filter((s) => keyOf(s) > token.start);
  if (filter) all = all.filter((s) => filter(served.fromStorage(s.obj)));
  const rv = token ? token.rv : store.currentRv;
  if (limit > 0 && all.length > limit) {
    const items = all.slice(0, limit);
    const last = items[items.length - 1];
    const page: ListPage = {
      items,
      resourceVersion: String(rv),
      continue: encodeContinue({ v: 'meta.k8s.io/v1', rv, start: last ? keyOf(last) : '' }),
    };
    // kube reports the remaining count only when no selector makes it an estimate.
    if (!filter) page.remainingItemCount = all.length - limit;
    return page;
  }
  return { items: all, resourceVersion: String(rv) };
}

/** Serializes a list page as `<Kind>List` JSON, reusing each object's cached JSON. */
export function listJson(served: ServedResource, page: ListPage): string {
  const meta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continue) meta.continue = page.continue;
  if (page.remainingItemCount !== undefined) meta.remainingItemCount = page.remainingItemCount;
  const items = served.identity
    ? page.items.map((s) => s.json)
    : page.items.map((s) => JSON.stringify(served.fromStorage(s.obj)));
  return `{"apiVersion":${JSON.stringify(served.apiVersion)},"kind":${JSON.stringify(
    served.def.listKind,
  )},"metadata":${JSON.stringify(meta)},"items":[${items.join(',')}]}`;
}
