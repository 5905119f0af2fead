/**
 * `metadata.managedFields` in memory: one entry per manager identity (kube's
 * `BuildManagerIdentifier`: manager + operation + subresource, plus apiVersion for Update
 * entries), each with a {@link FieldSet}. Decoding, encoding in kube's order, and the fields no
 * manager ever owns.
 */
import type { ManagedFieldsEntry } from '../types.ts';
import { FieldSet } from './fieldset.ts';
import { isObject } from './json.ts';

export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

export type Managers = Map<string, Manager>;

/** The identity kube keys managers by; appliers own their fields whatever the apiVersion. */
export function managerId(
  m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  return JSON.stringify([
    m.manager,
    m.operation,
    m.operation === 'Apply' ? '' : m.apiVersion,
    m.subresource ?? '',
  ]);
}

/** Decodes managedFields; malformed entries are dropped rather than trusted. */
export function decodeManaged(entries: unknown): Managers {
  const out: Managers = new Map();
  if (!Array.isArray(entries)) return out;
  for (const e of entries as unknown[]) {
    if (!isObject(e) || typeof e.manager !== 'string') continue;
    if (e.operation !== 'Apply' && e.operation !== 'Update') continue;
    const m: Manager = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      set: FieldSet.fromFieldsV1(e.fieldsV1),
      ...(typeof e.time === 'string' ? { time: e.time } : {}),
      ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
    };
    const id = managerId(m);
    const prev = out.get(id);
    out.set(id, prev ? { ...m, set: prev.set.union(m.set) } : m);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Encodes managers as kube stores them: non-empty sets, sorted by operation, time, manager. */
export function encodeManaged(managers: Managers): ManagedFieldsEntry[] {
  return [...managers.values()]
    .filter((m) => !m.set.empty())
    .sort(
      (a, b) =>
        cmp(a.operation, b.operation) ||
        cmp(a.time ?? '', b.time ?? '') ||
        cmp(a.manager, b.manager) ||
        cmp(a.apiVersion, b.apiVersion) ||
        cmp(a.subresource ?? '', b.subresource ?? ''),
    )
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: m.set.toFieldsV1(),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    }));
}

/** Fields the server sets; kube's stripMeta keeps them out of every manager's set. */
const STRIPPED = [
  ['f:apiVersion'],
  ['f:kind'],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'selfLink',
    'uid',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f) => ['f:metadata', `f:${f}`]),
];

/** `set` without server-owned fields, the metadata node itself, and `ignored` top-level fields. */
export function stripSet(set: FieldSet, ignored: readonly string[] = []): FieldSet {
  const strip = new FieldSet();
  for (const p of STRIPPED) strip.insert(p);
  strip.insert(['f:metadata']);
  const out = set.difference(strip);
  for (const f of ignored) out.children.delete(`f:${f}`);
  return out;
}

/** A manager as kube names it in conflicts (`"kubectl-client-side-apply" using v1`). */
export function printManager(m: Manager): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  return m.operation === 'Update' ? `${s} using ${m.apiVersion}` : s;
}
