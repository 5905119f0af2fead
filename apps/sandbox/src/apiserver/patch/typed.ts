/**
 * The structured-merge-diff operations server-side apply needs, over plain JSON objects whose
 * lists are typed by `list-meta.ts`: field sets of a value, comparison of two values, the apply
 * merge, and removal of owned-no-more fields. Maps are granular (every field is its own path);
 * atomic lists are leaves; keyed lists and sets have one path per item.
 */
import { FieldSet, keyElement } from './fieldset.ts';
import { clone, isList, isObject, jsonEqual, setKey, type JsonObject } from './json.ts';
import { ssaListType } from './list-meta.ts';

type ListType = 'atomic' | 'set' | readonly string[];

const join = (sp: string, k: string) => (sp ? `${sp}.${k}` : k);

function listType(kind: string, sp: string): ListType {
  return ssaListType(kind, sp) ?? 'atomic';
}

/**
 * The items of a set or keyed list by path element, in order. Undefined when the items cannot
 * be keyed (duplicates, non-objects): the list is then handled as atomic.
 */
function elements(list: unknown[], lt: ListType): Map<string, unknown> | undefined {
  if (lt === 'atomic') return undefined;
  const out = new Map<string, unknown>();
  for (const item of list) {
    let el: string;
    if (lt === 'set') el = `v:${JSON.stringify(item)}`;
    else if (isObject(item)) el = keyElement(item, lt);
    else return undefined;
    if (out.has(el)) return undefined;
    out.set(el, item);
  }
  return out;
}

function walkSet(kind: string, v: unknown, path: string[], sp: string, set: FieldSet): void {
  if (isObject(v)) {
    // A map contributes only its fields, not itself (an empty map owns nothing).
    for (const [k, x] of Object.entries(v)) walkSet(kind, x, [...path, `f:${k}`], join(sp, k), set);
    return;
  }
  if (isList(v)) {
    const lt = listType(kind, sp);
    const els = elements(v, lt);
    if (!els) return set.insert(path);
    for (const [el, item] of els) {
      set.insert([...path, el]);
      if (lt !== 'set' && isObject(item)) {
        for (const [k, x] of Object.entries(item)) {
          walkSet(kind, x, [...path, el, `f:${k}`], `${sp}[].${k}`, set);
        }
      }
    }
    return;
  }
  set.insert(path);
}

/** Every field path of `obj` (structured-merge-diff `ToFieldSet`). */
export function toFieldSet(kind: string, obj: unknown): FieldSet {
  const set = new FieldSet();
  if (isObject(obj)) walkSet(kind, obj, [], '', set);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const emptyMap = (v: unknown) => v === undefined || (isObject(v) && Object.keys(v).length === 0);

function cmp(
  kind: string,
  a: unknown,
  b: unknown,
  path: string[],
  sp: string,
  out: Comparison,
): void {
  const granular = (a === undefined || isObject(a)) && (b === undefined || isObject(b));
  if (granular && !(emptyMap(a) && emptyMap(b))) {
    const am = isObject(a) ? a : {};
    const bm = isObject(b) ? b : {};
    for (const k of new Set([...Object.keys(am), ...Object.keys(bm)])) {
      cmp(kind, am[k], bm[k], [...path, `f:${k}`], join(sp, k), out);
    }
    if (a === undefined) out.added.insert(path);
    else if (b === undefined) out.removed.insert(path);
    return;
  }
  const lt = listType(kind, sp);
  if (lt !== 'atomic' && (isList(a) || isList(b)) && !isObject(a) && !isObject(b)) {
    const ea = isList(a)
      ? elements(a, lt)
      : a === undefined
        ? new Map<string, unknown>()
        : undefined;
    const eb = isList(b)
      ? elements(b, lt)
      : b === undefined
        ? new Map<string, unknown>()
        : undefined;
    if (ea && eb) {
      for (const el of new Set([...ea.keys(), ...eb.keys()])) {
        const p = [...path, el];
        if (lt !== 'set') cmp(kind, ea.get(el), eb.get(el), p, `${sp}[]`, out);
        if (!ea.has(el)) out.added.insert(p);
        else if (!eb.has(el)) out.removed.insert(p);
      }
      if (a === undefined) out.added.insert(path);
      else if (b === undefined) out.removed.insert(path);
      return;
    }
  }
  if (a === undefined) {
    if (b !== undefined) out.added.insert(path);
  } else if (b === undefined) out.removed.insert(path);
  else if (!jsonEqual(a, b)) out.modified.insert(path);
}

/** Which fields `after` adds, changes and drops relative to `before` (`TypedValue.Compare`). */
export function compare(kind: string, before: unknown, after: unknown): Comparison {
  const out = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  cmp(kind, before, after, [], '', out);
  return out;
}

function mergeList(kind: string, l: unknown[], r: unknown[], sp: string, lt: ListType): unknown[] {
  const lhs = elements(l, lt);
  const rhs = elements(r, lt);
  if (!lhs || !rhs) return clone(r);
  const item = (a: unknown, b: unknown) => (lt === 'set' ? clone(b) : merge(kind, a, b, `${sp}[]`));
  // structured-merge-diff visitListItems: the applied order wins for shared items, live-only
  // items keep their place relative to them.
  const lk = [...lhs.keys()];
  const rk = [...rhs.keys()];
  const shared = rk.filter((pe) => lhs.has(pe));
  let next = shared.shift();
  const done = new Set<string>();
  const out: unknown[] = [];
  let [li, ri] = [0, 0];
  while (li < lk.length || ri < rk.length) {
    const lpe = lk[li];
    const rpe = rk[ri];
    if (lpe !== undefined && rpe !== undefined) {
      if (lpe === rpe) {
        done.add(lpe);
        out.push(item(lhs.get(lpe), rhs.get(rpe)));
        [li, ri] = [li + 1, ri + 1];
        next = shared.shift();
        continue;
      }
      if (rhs.has(lpe) && next !== undefined && next !== lpe) {
        li += 1;
        continue;
      }
    }
    if (lpe !== undefined) {
      if (!rhs.has(lpe)) {
        out.push(clone(lhs.get(lpe)));
        li += 1;
        continue;
      }
      if (done.has(lpe)) {
        li += 1;
        continue;
      }
    }
    if (rpe !== undefined) {
      done.add(rpe);
      out.push(item(lhs.get(rpe), rhs.get(rpe)));
      ri += 1;
      if (next === rpe) next = shared.shift();
    }
  }
  return out;
}

/** The apply merge: `config` wins; maps and keyed lists merge, the rest is replaced. */
export function merge(kind: string, live: unknown, config: unknown, sp = ''): unknown {
  if (config === undefined) return clone(live);
  if (isObject(live) && isObject(config)) {
    const out = clone(live);
    for (const [k, v] of Object.entries(config)) {
      // CRDs prune nulls of non-nullable fields: an applied null removes the field.
      if (v === null) delete out[k];
      else setKey(out, k, merge(kind, Object.hasOwn(out, k) ? out[k] : undefined, v, join(sp, k)));
    }
    return out;
  }
  if (isObject(config)) return merge(kind, {}, config, sp);
  if (isList(live) && isList(config)) {
    const lt = listType(kind, sp);
    return lt === 'atomic' ? clone(config) : mergeList(kind, live, config, sp, lt);
  }
  return clone(config);
}

function removeIn(
  kind: string,
  v: unknown,
  node: FieldSet,
  sp: string,
  owned: FieldSet | undefined,
): unknown {
  if (isObject(v)) {
    const out: JsonObject = { ...v };
    for (const [el, c] of node.children) {
      const k = el.slice(2);
      if (!el.startsWith('f:') || !Object.hasOwn(out, k)) continue;
      if (c.member) {
        delete out[k];
        continue;
      }
      const before = out[k];
      const after = removeIn(kind, before, c, join(sp, k), owned?.children.get(el));
      // A map emptied by pruning goes too, unless someone still owns something in it.
      if (
        isObject(after) &&
        Object.keys(after).length === 0 &&
        !emptyMap(before) &&
        !owned?.at([el])
      ) {
        delete out[k];
      } else setKey(out, k, after);
    }
    return out;
  }
  if (isList(v)) {
    const els = elements(v, listType(kind, sp));
    if (!els) return v;
    const out: unknown[] = [];
    for (const [el, item] of els) {
      const c = node.children.get(el);
      if (c?.member) continue;
      out.push(c ? removeIn(kind, item, c, `${sp}[]`, owned?.children.get(el)) : item);
    }
    return out;
  }
  return v;
}

/** `obj` without the member paths of `set`; maps left empty by it and owned by nobody go too. */
export function removeItems(
  kind: string,
  obj: JsonObject,
  set: FieldSet,
  owned?: FieldSet,
): JsonObject {
  return removeIn(kind, obj, set, '', owned) as JsonObject;
}
