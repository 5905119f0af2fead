import { validateLabelValue, validateQualifiedName } from '@dvp/api';
import { applyMapPatch, mapPatch } from './patch.ts';

export type StringMap = Record<string, string>;
export type MapKind = 'labels' | 'annotations';

/** What the user started editing from, and their edit. */
export interface MetaEdit {
  resourceVersion: string;
  base: Record<MapKind, StringMap>;
  draft: Record<MapKind, StringMap>;
}

interface MetaLike {
  metadata: { resourceVersion?: string; labels?: StringMap; annotations?: StringMap };
}

export function editFrom(obj: MetaLike): MetaEdit {
  const base = { labels: obj.metadata.labels ?? {}, annotations: obj.metadata.annotations ?? {} };
  return { resourceVersion: obj.metadata.resourceVersion ?? '', base, draft: base };
}

export function isDirty(e: MetaEdit): boolean {
  return !!(
    mapPatch(e.base.labels, e.draft.labels) ?? mapPatch(e.base.annotations, e.draft.annotations)
  );
}

/** Do two edits start from the same labels and annotations? */
export function sameMeta(a: MetaEdit, b: MetaEdit): boolean {
  return JSON.stringify(a.base) === JSON.stringify(b.base);
}

/** The merge patch of the edit: only changed keys, removed ones as null, with the edited version. */
export function metaPatch(e: MetaEdit): {
  metadata: {
    resourceVersion: string;
    labels?: Record<string, string | null>;
    annotations?: Record<string, string | null>;
  };
} {
  const labels = mapPatch(e.base.labels, e.draft.labels);
  const annotations = mapPatch(e.base.annotations, e.draft.annotations);
  return {
    metadata: {
      resourceVersion: e.resourceVersion,
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
  };
}

/** The user's edit re-applied on a fresh object (after a 409 Conflict). */
export function reapply(e: MetaEdit, fresh: MetaLike): MetaEdit {
  const next = editFrom(fresh);
  return {
    ...next,
    draft: {
      labels: applyMapPatch(next.base.labels, mapPatch(e.base.labels, e.draft.labels)),
      annotations: applyMapPatch(
        next.base.annotations,
        mapPatch(e.base.annotations, e.draft.annotations),
      ),
    },
  };
}

export type KeyError = 'keyRequired' | 'keyDuplicate' | 'keyInvalid';

/** Kubernetes rules for a new key: required, a qualified name, not already present. */
export function keyError(key: string, existing: StringMap): KeyError | undefined {
  if (!key) return 'keyRequired';
  if (validateQualifiedName(key).length) return 'keyInvalid';
  if (Object.hasOwn(existing, key)) return 'keyDuplicate';
  return undefined;
}

/** Label values: at most 63 characters of the label alphabet (annotations take anything). */
export function valueError(kind: MapKind, value: string): 'valueInvalid' | undefined {
  return kind === 'labels' && validateLabelValue(value).length ? 'valueInvalid' : undefined;
}
