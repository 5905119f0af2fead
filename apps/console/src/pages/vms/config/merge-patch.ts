/**
 * JSON merge patches (RFC 7386) between two plain JSON values, and the human-readable diff the
 * save confirmation shows. Arrays are replaced whole (merge patch has no array operations);
 * a key present before and absent after becomes `null` (the merge-patch "remove").
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The merge patch turning `before` into `after`, or `undefined` when they are equal. Only
 * changed keys appear; removed keys are `null`; nested maps recurse; arrays are whole.
 */
export function mergePatch(before: unknown, after: unknown): Json | undefined {
  if (jsonEqual(before, after)) return undefined;
  if (!isObject(before) || !isObject(after)) return (after ?? null) as Json;
  const out: JsonObject = {};
  for (const k of Object.keys(before)) {
    if (before[k] !== undefined && after[k] === undefined) out[k] = null;
  }
  for (const k of Object.keys(after)) {
    if (after[k] === undefined) continue;
    const p = mergePatch(before[k], after[k]);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/** Applies a merge patch to a value (RFC 7386 §2), without mutating it. */
export function applyMergePatch(target: unknown, patch: Json | undefined): unknown {
  if (patch === undefined) return target;
  if (!isObject(patch)) return patch;
  const base: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = applyMergePatch(base[k], v);
  }
  return base;
}

/** One changed field: its dotted path (from the patch root), old and new value. */
export interface DiffEntry {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * The leaf-level changes of a merge patch against the object it applies to: one entry per
 * changed scalar, per whole array and per removed key.
 */
export function patchDiff(before: unknown, patch: Json | undefined, prefix = ''): DiffEntry[] {
  if (patch === undefined) return [];
  if (!isObject(patch) || !isObject(before)) {
    // A new map where there was none: list its leaves, so the dialog reads field by field.
    if (isObject(patch) && before === undefined) {
      return Object.entries(patch).flatMap(([k, v]) =>
        patchDiff(undefined, v, prefix ? `${prefix}.${k}` : k),
      );
    }
    return [{ path: prefix, before, after: patch }];
  }
  return Object.entries(patch).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v === null) return [{ path, before: before[k], after: undefined }];
    return patchDiff(before[k], v, path);
  });
}

/** A value as the diff dialog prints it: scalars plain, the rest as compact JSON. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
