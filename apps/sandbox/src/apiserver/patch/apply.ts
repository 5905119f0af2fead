/**
 * Field ownership (`metadata.managedFields`) for every write, and server-side apply
 * (`application/apply-patch+yaml`), after kube's fieldmanager + structured-merge-diff Updater:
 * - an Update takes the fields it adds or changes from everyone else and adds them to the
 *   writer's Update entry; fields it removes leave every set;
 * - an Apply owns exactly the fields of the applied configuration; fields it owned before and
 *   omits now are removed unless another manager owns them; changing a value another manager
 *   owns is a 409 conflict unless `force`, which takes the field over.
 */
import type { FieldCause } from '@dvp/api';
import { errors, StatusError } from '../errors.ts';
import type { KubeObject, ManagedFieldsEntry } from '../types.ts';
import { pathString, type FieldSet } from './fieldset.ts';
import { clone, isObject } from './json.ts';
import {
  decodeManaged,
  encodeManaged,
  managerId,
  printManager,
  stripSet,
  type Manager,
  type Managers,
} from './managed.ts';
import { compare, merge, removeItems, toFieldSet } from './typed.ts';

export interface UpdateManagedFieldsInput {
  /** The stored object before the write; undefined for a create. */
  previous: KubeObject | undefined;
  /** The object about to be stored (after defaulting and strategy resets). */
  next: KubeObject;
  manager: string;
  apiVersion: string;
  /** RFC 3339 time for the entry. */
  time: string;
  subresource?: string;
}

function withoutManaged(obj: KubeObject | undefined): KubeObject | undefined {
  if (!obj) return undefined;
  const { managedFields: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/**
 * A client may send managedFields in an update to rewrite them (kubectl's client-side-apply
 * upgrade does); `[{}]` clears them. Otherwise the stored ones carry over.
 */
function baseManagers(input: UpdateManagedFieldsInput): Managers {
  const sent = input.next.metadata.managedFields;
  const prev = input.previous?.metadata.managedFields;
  if (!input.subresource && Array.isArray(sent) && sent.length > 0 && sent !== prev) {
    return decodeManaged(sent);
  }
  return decodeManaged(prev);
}

/** The managedFields after an ordinary write (create, update, merge/JSON/strategic patch). */
export function updateManagedFields(input: UpdateManagedFieldsInput): ManagedFieldsEntry[] {
  const { next, manager, apiVersion, time, subresource } = input;
  const managers = baseManagers(input);
  const kind = next.kind;
  const diff = compare(kind, withoutManaged(input.previous) ?? {}, withoutManaged(next));
  const changed = stripSet(diff.added.union(diff.modified));
  const removed = stripSet(diff.removed);
  const id = managerId({
    manager,
    operation: 'Update',
    apiVersion,
    ...(subresource ? { subresource } : {}),
  });
  for (const [key, m] of managers) {
    if (key !== id) m.set = m.set.difference(changed).difference(removed);
  }
  const mine = managers.get(id);
  if (!changed.empty()) {
    managers.set(id, {
      manager,
      operation: 'Update',
      apiVersion,
      time,
      ...(subresource ? { subresource } : {}),
      set: (mine?.set.difference(removed) ?? changed).union(changed),
    });
  } else if (mine) {
    mine.set = mine.set.difference(removed);
  }
  return encodeManaged(managers);
}

export interface ApplyInput {
  /** The stored object; undefined when apply creates it. */
  current?: KubeObject;
  /** The applied configuration (parsed YAML or JSON). */
  applied: Record<string, unknown>;
  fieldManager: string;
  force: boolean;
  /** The request's group/version (`virtualization.deckhouse.io/v1alpha2`). */
  apiVersion: string;
  /** RFC 3339 time for the applier's entry. */
  now: string;
  /** `status` when applying to the status subresource: only `.status` is taken from the config. */
  subresource?: string;
  /** The kind has a status subresource: the main resource ignores an applied `.status`. */
  statusSubresource?: boolean;
}

export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

function conflictError(conflicts: [Manager, FieldSet][]): StatusError {
  const rows = conflicts.flatMap(([m, set]) =>
    set
      .paths()
      .map(pathString)
      .sort()
      .map((field) => ({ m, field })),
  );
  const causes = rows.map(({ m, field }): FieldCause => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(m)}`,
    field,
  }));
  let message: string;
  const [only] = rows;
  if (rows.length === 1 && only) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(only.m)}: ${only.field}`;
  } else {
    const lines = [...conflicts]
      .sort(([a], [b]) => (printManager(a) < printManager(b) ? -1 : 1))
      .flatMap(([m, set]) => [
        `conflicts with ${printManager(m)}:`,
        ...set
          .paths()
          .map(pathString)
          .sort()
          .map((p) => `- ${p}`),
      ]);
    message = `Apply failed with ${rows.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: { causes },
    code: 409,
  });
}

/** The part of the applied configuration this endpoint may change. */
function scopedConfig(input: ApplyInput): Record<string, unknown> {
  const { managedFields: _m, ...meta } = isObject(input.applied.metadata)
    ? input.applied.metadata
    : {};
  const config: Record<string, unknown> = { ...clone(input.applied), metadata: clone(meta) };
  if (input.subresource === 'status') {
    return {
      apiVersion: config.apiVersion,
      kind: config.kind,
      metadata: {},
      ...(config.status !== undefined ? { status: config.status } : {}),
    };
  }
  if (input.statusSubresource) delete config.status;
  return config;
}

/**
 * Removes what the applier owned last time and no manager owns now: a path goes only when nobody
 * owns it, anything below it, or an (atomic) ancestor of it.
 */
function prune(kind: string, obj: KubeObject, last: FieldSet, managers: Managers): KubeObject {
  let owned: FieldSet | undefined;
  for (const m of managers.values()) owned = owned ? owned.union(m.set) : m.set.copy();
  if (!owned) return obj;
  const ownedSet = owned;
  const gone = last.difference(ownedSet);
  const drop = gone.copy();
  for (const p of gone.paths()) {
    const ancestorOwned = p.some((_, i) => ownedSet.has(p.slice(0, i)));
    if (ownedSet.at(p) || ancestorOwned) drop.remove(p);
  }
  return removeItems(kind, obj, drop, ownedSet) as KubeObject;
}

/**
 * Server-side apply. Returns the merged object (its managedFields set to the new entries) and
 * the entries. Throws 400 for a configuration carrying managedFields or a mismatched
 * apiVersion/kind, and 409 with `FieldManagerConflict` causes for conflicts without `force`.
 */
export function applyServerSide(input: ApplyInput): ApplyResult {
  const { current, applied, fieldManager, apiVersion, now, subresource } = input;
  const meta = applied.metadata;
  if (isObject(meta) && Array.isArray(meta.managedFields) && meta.managedFields.length > 0) {
    throw errors.badRequest('metadata.managedFields must be nil');
  }
  if (applied.apiVersion !== apiVersion) {
    throw errors.badRequest(
      `the API version in the data (${typeof applied.apiVersion === 'string' ? applied.apiVersion : ''}) does not match the expected API version (${apiVersion})`,
    );
  }
  const kind = typeof applied.kind === 'string' ? applied.kind : '';
  if (current && kind !== current.kind) {
    throw errors.badRequest(
      `the kind in the data (${kind}) does not match the expected kind (${current.kind})`,
    );
  }
  const live = withoutManaged(current) ?? { apiVersion, kind, metadata: {} };
  const managers = decodeManaged(current?.metadata.managedFields);
  if (current && managers.size === 0) {
    // kube hands everything that predates managedFields to a synthetic Update manager.
    const seed = {
      manager: 'before-first-apply',
      operation: 'Update' as const,
      apiVersion,
      time: now,
    };
    managers.set(managerId(seed), { ...seed, set: stripSet(toFieldSet(kind, live)) });
  }
  const config = scopedConfig(input);
  const ignored = subresource === 'status' ? [] : input.statusSubresource ? ['status'] : [];
  const id = managerId({
    manager: fieldManager,
    operation: 'Apply',
    apiVersion,
    ...(subresource ? { subresource } : {}),
  });
  const last = managers.get(id);
  const set = stripSet(toFieldSet(kind, config), ignored);
  managers.set(id, {
    manager: fieldManager,
    operation: 'Apply',
    apiVersion,
    ...(last?.time ? { time: last.time } : {}),
    ...(subresource ? { subresource } : {}),
    set,
  });
  let object = merge(kind, live, config) as KubeObject;
  if (last) object = prune(kind, object, last.set, managers);
  const diff = compare(kind, live, object);
  const changed = stripSet(diff.added.union(diff.modified));
  const conflicts: [Manager, FieldSet][] = [];
  for (const [key, m] of managers) {
    if (key === id) continue;
    const c = m.set.intersection(changed);
    if (!c.empty()) conflicts.push([m, c]);
  }
  if (conflicts.length > 0 && !input.force) throw conflictError(conflicts);
  for (const [key, m] of managers) {
    if (key !== id) m.set = m.set.difference(changed).difference(diff.removed);
  }
  const mine = managers.get(id);
  if (mine && (!last?.time || !changed.empty() || !diff.removed.empty())) mine.time = now;
  const managedFields = encodeManaged(managers);
  object.metadata = { ...object.metadata, managedFields };
  return { object, managedFields };
}
