/**
 * JSON merge patches (RFC 7386) computed from an edit: only what changed, removed keys as null.
 * The VM page sends them with the resourceVersion the user edited, so a stale edit is a 409.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The merge patch that turns `original` into `edited`, or `undefined` when nothing changed.
 * Arrays are replaced whole (merge patch cannot address elements).
 */
export function mergePatch(original: unknown, edited: unknown): Json | undefined {
  if (isObject(original) && isObject(edited)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(edited)) {
      if (!(k in original)) out[k] = v;
      else {
        const sub = mergePatch(original[k], v);
        if (sub !== undefined) out[k] = sub;
      }
    }
    for (const k of Object.keys(original)) if (!(k in edited)) out[k] = null;
    return Object.keys(out).length ? out : undefined;
  }
  return jsonEqual(original, edited) ? undefined : (edited as Json);
}

/** A string map's patch: added/changed keys with their values, removed keys as null. */
export function mapPatch(
  original: Record<string, string> | undefined,
  edited: Record<string, string>,
): Record<string, string | null> | undefined {
  const p = mergePatch(original ?? {}, edited);
  return p === undefined ? undefined : (p as Record<string, string | null>);
}

/** Applies a string map's patch to a (fresh) map: how the user's edit is re-applied after a 409. */
export function applyMapPatch(
  base: Record<string, string> | undefined,
  patch: Record<string, string | null> | undefined,
): Record<string, string> {
  const out = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Fields the server owns: edits to them are ignored rather than sent. */
const SERVER_METADATA = [
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const;

/** An object without status and server-owned metadata: the parts a YAML edit may change. */
export function editableParts(obj: unknown): JsonObject {
  if (!isObject(obj)) return {};
  const { status: _status, ...rest } = obj;
  const meta = isObject(rest.metadata) ? { ...rest.metadata } : {};
  for (const k of SERVER_METADATA) delete meta[k];
  return { ...rest, metadata: meta };
}

/**
 * The patch of a YAML edit of an object: spec/metadata changes only (status and server-owned
 * metadata are ignored), carrying the original resourceVersion. `undefined` when nothing changed.
 */
export function objectPatch(
  original: unknown,
  edited: unknown,
): (JsonObject & { metadata: JsonObject & { resourceVersion: string } }) | undefined {
  const p = mergePatch(editableParts(original), editableParts(edited));
  if (!isObject(p)) return undefined;
  const rv =
    isObject(original) && isObject(original.metadata) ? original.metadata.resourceVersion : '';
  const meta = isObject(p.metadata) ? p.metadata : {};
  return { ...p, metadata: { ...meta, resourceVersion: typeof rv === 'string' ? rv : '' } };
}

export interface DiffLine {
  kind: 'same' | 'add' | 'del';
  text: string;
  /** Line number in the old text (del/same) or the new text (add). */
  line: number;
}

/** A line diff (longest common subsequence), for the "review your change" step. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j -= 1)
      row[j] = a[i] === b[j] ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] ?? '', line: i + 1 });
      i += 1;
      j += 1;
    } else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) > (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ kind: 'add', text: b[j] ?? '', line: j + 1 });
      j += 1;
    } else {
      out.push({ kind: 'del', text: a[i] ?? '', line: i + 1 });
      i += 1;
    }
  }
  return out;
}

/** Applies a merge patch (RFC 7386) to a value: how a YAML edit is re-applied after a 409. */
export function applyMergePatch(target: unknown, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}
