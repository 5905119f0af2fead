import {
  LIST_DEFAULT_LIMIT,
  parseLabelSelector,
  SelectorError,
  type KubeObject,
  type LabelMatcher,
  type ListPage,
  type ListQuery,
} from '@dvp/api';
import { makeStatus, StatusError, statusErrors } from '../k8s/status.ts';
import { TopK } from './top-k.ts';

/**
 * Lists served from the watch cache: filter, facet, sort and page on the server, so a namespace
 * with 10,000 VMs answers its first page from memory. What a list needs of an object (its row,
 * searchable text, sort values) is computed once per object version and remembered in a WeakMap
 * keyed by the cached object: the informer replaces an object on every change, so a stale entry
 * is never read and is collected with the old object.
 */

export type SortValue = string | number | null;

/** What the engine knows about one object. */
export interface ListEntry<R> {
  row: R;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>> | undefined;
  phase: string | null;
  node: string | null;
  /** Lower-cased text that `q` searches (name, and for VMs node, IP and class). */
  text: string;
  /** Sort values by key; null sorts last in both directions. */
  sort: Readonly<Record<string, SortValue>>;
}

/** How to list one kind: its sort keys and the (memoized) entry of an object. */
export interface Lister<R> {
  readonly sortKeys: readonly string[];
  entry(obj: KubeObject): ListEntry<R>;
}

/** A lister whose entries are built once per object. */
export function memoLister<R>(
  sortKeys: readonly string[],
  build: (obj: KubeObject) => ListEntry<R>,
): Lister<R> {
  const memo = new WeakMap<KubeObject, ListEntry<R>>();
  return {
    sortKeys,
    entry(obj) {
      let e = memo.get(obj);
      if (!e) {
        e = build(obj);
        memo.set(obj, e);
      }
      return e;
    },
  };
}

/** Where the previous page ended (the last item's sort value and identity). */
interface ContinueKey {
  value: SortValue;
  namespace: string;
  name: string;
}

/** A validated list query. */
export interface ParsedListQuery {
  text?: string;
  selector?: LabelMatcher;
  phases?: Set<string>;
  nodes?: Set<string>;
  sortKey: string;
  descending: boolean;
  limit: number;
  after?: ContinueKey;
}

function commaSet(s: string | undefined): Set<string> | undefined {
  const values = (s ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? new Set(values) : undefined;
}

function sortSpec(key: string, descending: boolean): string {
  return descending ? `-${key}` : key;
}

/** Continue tokens are opaque to clients: base64url of `[sort, value, namespace, name]`. */
function encodeContinue(sort: string, key: ContinueKey): string {
  return Buffer.from(JSON.stringify([sort, key.value, key.namespace, key.name])).toString(
    'base64url',
  );
}

function decodeContinue(token: string, sort: string): ContinueKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw statusErrors.badRequest('invalid continue token: not a token this server issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[0] !== 'string' ||
    !(typeof parsed[1] === 'string' || typeof parsed[1] === 'number' || parsed[1] === null) ||
    typeof parsed[2] !== 'string' ||
    typeof parsed[3] !== 'string'
  ) {
    throw statusErrors.badRequest('invalid continue token: not a token this server issued');
  }
  if (parsed[0] !== sort) {
    throw statusErrors.badRequest(
      `invalid continue token: it continues a list sorted by "${parsed[0]}", not "${sort}"`,
    );
  }
  return { value: parsed[1] as SortValue, namespace: parsed[2], name: parsed[3] };
}

/**
 * Validates a list query: a bad label selector is 400 with kube's message, an unknown sort key
 * 422 with a cause on `query.sort`, a bad continue token 400.
 */
export function parseListQuery(q: ListQuery, sortKeys: readonly string[]): ParsedListQuery {
  const descending = q.sort?.startsWith('-') ?? false;
  const sortKey = q.sort ? q.sort.replace(/^-/, '') : 'name';
  if (!sortKeys.includes(sortKey)) {
    throw statusErrors.invalid('the request', [
      {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: "${sortKey}": supported values: ${sortKeys.map((k) => `"${k}"`).join(', ')}`,
        field: 'query.sort',
      },
    ]);
  }
  let selector: LabelMatcher | undefined;
  if (q.labelSelector?.trim()) {
    try {
      selector = parseLabelSelector(q.labelSelector);
    } catch (e) {
      if (e instanceof SelectorError) throw badSelector(e.message);
      throw e;
    }
  }
  const text = q.q?.trim().toLowerCase();
  const phases = commaSet(q.phase);
  const nodes = commaSet(q.node);
  return {
    ...(text ? { text } : {}),
    ...(selector ? { selector } : {}),
    ...(phases ? { phases } : {}),
    ...(nodes ? { nodes } : {}),
    sortKey,
    descending,
    limit: q.limit ?? LIST_DEFAULT_LIMIT,
    ...(q.continue ? { after: decodeContinue(q.continue, sortSpec(sortKey, descending)) } : {}),
  };
}

function compareValues(a: SortValue, b: SortValue, descending: boolean): number {
  if (a === b) return 0;
  // Unknown values (no node, no IP yet) go last whichever way the list is sorted.
  if (a === null) return 1;
  if (b === null) return -1;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -c : c;
}

function compareKeys(
  av: SortValue,
  ans: string,
  an: string,
  bv: SortValue,
  bns: string,
  bn: string,
  descending: boolean,
): number {
  const c = compareValues(av, bv, descending);
  if (c !== 0) return c;
  // Stable tiebreak, always ascending: pages never repeat or skip equal-valued items.
  if (ans !== bns) return ans < bns ? -1 : 1;
  if (an !== bn) return an < bn ? -1 : 1;
  return 0;
}

function bump(m: Map<string, number>, k: string | null) {
  if (k) m.set(k, (m.get(k) ?? 0) + 1);
}

/** One page of `objects` (not copied: any iterable of cached objects) for a parsed query. */
export function listPage<R>(
  objects: Iterable<KubeObject>,
  lister: Lister<R>,
  q: ParsedListQuery,
  resourceVersion: string,
): ListPage<R> {
  const { sortKey, descending, after } = q;
  const cmp = (a: ListEntry<R>, b: ListEntry<R>) =>
    compareKeys(
      a.sort[sortKey] ?? null,
      a.namespace,
      a.name,
      b.sort[sortKey] ?? null,
      b.namespace,
      b.name,
      descending,
    );
  const phaseFacet = new Map<string, number>();
  const nodeFacet = new Map<string, number>();
  const top = new TopK<ListEntry<R>>(q.limit, cmp);
  let total = 0;
  let remaining = 0;
  for (const obj of objects) {
    const e = lister.entry(obj);
    if (q.text && !e.text.includes(q.text)) continue;
    if (q.selector && !q.selector.matches(e.labels)) continue;
    // Facets count the set before the phase/node filters, so the UI shows what each would add.
    bump(phaseFacet, e.phase);
    bump(nodeFacet, e.node);
    if (q.phases && !(e.phase && q.phases.has(e.phase))) continue;
    if (q.nodes && !(e.node && q.nodes.has(e.node))) continue;
    total += 1;
    // After the previous page's last item (by key: the set may have changed since).
    if (
      after &&
      compareKeys(
        e.sort[sortKey] ?? null,
        e.namespace,
        e.name,
        after.value,
        after.namespace,
        after.name,
        descending,
      ) <= 0
    )
      continue;
    remaining += 1;
    top.offer(e);
  }
  const page = top.sorted();
  const last = page[page.length - 1];
  return {
    items: page.map((e) => e.row),
    total,
    ...(remaining > page.length && last
      ? {
          continue: encodeContinue(sortSpec(sortKey, descending), {
            value: last.sort[sortKey] ?? null,
            namespace: last.namespace,
            name: last.name,
          }),
        }
      : {}),
    resourceVersion,
    facets: { phase: Object.fromEntries(phaseFacet), node: Object.fromEntries(nodeFacet) },
  };
}

/**
 * kube-apiserver's answer to an unparseable `labelSelector` (400 BadRequest with its parser's
 * message, as `kubectl get -l` shows it), plus the field it is about, so a list shows the message
 * under its selector input.
 */
function badSelector(message: string): StatusError {
  return new StatusError(
    makeStatus(400, 'BadRequest', message, {
      causes: [{ reason: 'FieldValueInvalid', message, field: 'labelSelector' }],
    }),
  );
}
