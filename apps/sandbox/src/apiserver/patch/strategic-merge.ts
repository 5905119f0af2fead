/**
 * Strategic merge patch (`application/strategic-merge-patch+json`, `kubectl patch` without
 * `--type`, and `kubectl apply` for built-in kinds) following k8s.io/apimachinery
 * `strategicpatch.StrategicMergeMapPatch` with the options kube-apiserver uses
 * (MergeParallelList, IgnoreUnmatchedNulls):
 * - maps merge, `null` deletes, lists replace unless `list-meta.ts` gives a merge key;
 * - keyed lists merge item by item; items new to the list come first, as in kube;
 * - scalar sets (finalizers) are unions; `$deleteFromPrimitiveList/<field>` removes values;
 * - `$patch: replace|delete` in maps and list items, `$retainKeys`, `$setElementOrder/<field>`.
 * Custom resources get 415 from the server before reaching this.
 */
import { errors } from '../errors.ts';
import { clone, isList, isObject, jsonEqual, setKey, type JsonObject } from './json.ts';
import { smpMergeKey } from './list-meta.ts';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

const bad = (message: string) => errors.badRequest(message);

/** Go's `%v` of a scalar or map, for kube's error texts (`map[name:x]`). */
function goValue(v: unknown): string {
  if (isObject(v)) {
    const parts = Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`);
    return `map[${parts.join(' ')}]`;
  }
  if (isList(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isDirectiveKey(k: string): boolean {
  return (
    k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM)
  );
}

/**
 * A patch value stored where the original had nothing: nulls are dropped (IgnoreUnmatchedNulls)
 * and directives stripped. Returns undefined when the value deletes itself (`$patch: delete`).
 */
function plain(v: unknown): unknown {
  if (isList(v)) {
    return v.filter((x) => !(isObject(x) && Object.hasOwn(x, DIRECTIVE))).map(plain);
  }
  if (!isObject(v)) return v;
  if (v[DIRECTIVE] === 'delete') return undefined;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || isDirectiveKey(k)) continue;
    const p = plain(x);
    if (p !== undefined) setKey(out, k, p);
  }
  return out;
}

function kindOf(v: unknown): string {
  return isList(v) ? 'list' : v === null ? 'null' : typeof v;
}

/** Index of `item` in `list`: by merge key for maps, by value for scalars. */
function indexIn(list: unknown[], item: unknown, key: string): number {
  if (!key) return list.findIndex((x) => jsonEqual(x, item));
  const want = isObject(item) ? item[key] : undefined;
  return list.findIndex((x) => isObject(x) && jsonEqual(x[key], want));
}

/** `normalizeElementOrder`: patch items in `patchOrder`, server-only items in `serverOrder`, interleaved. */
function normalizeOrder(
  merged: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  key: string,
): unknown[] {
  const byOrder = (order: unknown[]) => (a: unknown, b: unknown) => {
    const [ia, ib] = [indexIn(order, a, key), indexIn(order, b, key)];
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  };
  const inPatch = (x: unknown) => indexIn(patchOrder, x, key) >= 0;
  const right = merged.filter(inPatch).sort(byOrder(patchOrder));
  const left = merged.filter((x) => !inPatch(x)).sort(byOrder(serverOrder));
  // mergeSortedSlice: a server-only item goes first only when both are known to the server
  // and it came first there; otherwise the patch item wins the slot.
  const out: unknown[] = [];
  let [i, j] = [0, 0];
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const [li, ri] = [indexIn(serverOrder, left[i], key), indexIn(serverOrder, right[j], key)];
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function mergeList(
  kind: string,
  path: string,
  original: unknown[],
  patch: unknown[],
  key: string,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kinds = new Set(
    [...original, ...patch].map((x) => (isObject(x) ? 'map' : isList(x) ? 'list' : 'scalar')),
  );
  if (kinds.size > 1) throw bad('types of list elements need to be the same');
  if (kinds.has('list')) throw bad('not supporting merging lists of lists yet');
  if (!kinds.has('map')) {
    const merged: unknown[] = [];
    for (const x of [...original, ...patch]) if (indexIn(merged, x, '') < 0) merged.push(x);
    return normalizeOrder(merged, patch, original, '');
  }
  if (!key) throw bad(`cannot merge lists without merge key for ${path}`);
  let base = original;
  const items: JsonObject[] = [];
  let replace = false;
  for (const v of patch as JsonObject[]) {
    if (!Object.hasOwn(v, DIRECTIVE)) {
      items.push(v);
    } else if (v[DIRECTIVE] === 'delete') {
      if (!Object.hasOwn(v, key))
        throw bad(`map: ${goValue(v)} does not contain declared merge key: ${key}`);
      base = base.filter((x) => !(isObject(x) && jsonEqual(x[key], v[key])));
    } else if (v[DIRECTIVE] === 'replace') {
      replace = true;
    } else if (v[DIRECTIVE] === 'merge') {
      throw bad('merging lists cannot yet be specified in the patch');
    } else {
      throw bad(`unknown patch type: ${goValue(v[DIRECTIVE])} in map: ${goValue(v)}`);
    }
  }
  if (replace) return items.map(plain);
  const merged = [...base];
  for (const item of items) {
    if (!Object.hasOwn(item, key))
      throw bad(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
    const at = indexIn(merged, item, key);
    const existing = merged[at];
    if (at >= 0 && isObject(existing)) merged[at] = mergeMap(kind, `${path}[]`, existing, item);
    else merged.push(plain(item));
  }
  return normalizeOrder(merged, items, base, key);
}

function retainKeys(original: JsonObject, patch: JsonObject): void {
  const keep = patch[RETAIN_KEYS];
  if (!isList(keep)) throw bad(`expected a []interface{}, but received a ${kindOf(keep)}`);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || isDirectiveKey(k)) continue;
    if (!keep.includes(k)) throw bad('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.includes(k)) delete original[k];
}

function mergeMap(kind: string, path: string, original: JsonObject, patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') return plain(patch) as JsonObject;
  if (directive === 'delete') return {};
  if (directive !== undefined)
    throw bad(`unknown patch type: ${goValue(directive)} in map: ${goValue(patch)}`);
  if (Object.hasOwn(patch, RETAIN_KEYS)) retainKeys(original, patch);
  const before = clone(original);
  const at = (k: string) => (path ? `${path}.${k}` : k);
  for (const [rawKey, v] of Object.entries(patch)) {
    if (rawKey === RETAIN_KEYS || rawKey.startsWith(SET_ORDER)) continue;
    if (rawKey.startsWith(DELETE_FROM)) {
      const k = rawKey.slice(DELETE_FROM.length);
      if (!isList(v)) throw bad('invalid patch format of primitive list');
      const cur = original[k];
      if (isList(cur))
        setKey(
          original,
          k,
          cur.filter((x) => !v.some((d) => jsonEqual(d, x))),
        );
      continue;
    }
    const k = rawKey;
    const cur = Object.hasOwn(original, k) ? original[k] : undefined;
    if (v === null) {
      delete original[k];
    } else if (cur === undefined || kindOf(cur) !== kindOf(v)) {
      const p = plain(v);
      if (p === undefined) delete original[k];
      else setKey(original, k, p);
    } else if (isObject(cur) && isObject(v)) {
      setKey(original, k, mergeMap(kind, at(k), cur, v));
    } else if (isList(cur) && isList(v)) {
      const key = smpMergeKey(kind, at(k));
      setKey(original, k, key === undefined ? plain(v) : mergeList(kind, at(k), cur, v, key));
    } else {
      setKey(original, k, v);
    }
  }
  for (const [rawKey, order] of Object.entries(patch)) {
    if (!rawKey.startsWith(SET_ORDER)) continue;
    const k = rawKey.slice(SET_ORDER.length);
    if (!isList(order)) throw bad('invalid patch format of setElementOrder list');
    const list = original[k];
    const prev = before[k];
    if (isList(list)) {
      setKey(
        original,
        k,
        normalizeOrder(list, order, isList(prev) ? prev : [], smpMergeKey(kind, at(k)) ?? ''),
      );
    }
  }
  return original;
}

/**
 * Applies a strategic merge patch to an object of a built-in `kind`, returning a new object (the
 * inputs are not modified). Malformed patches and directives answer 400 with kube's texts.
 */
export function applyStrategicMergePatch(kind: string, target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) {
    throw bad(
      `json: cannot unmarshal ${kindOf(patch) === 'list' ? 'array' : kindOf(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const original = isObject(target) ? clone(target) : {};
  return mergeMap(kind, '', original, clone(patch));
}
