import type { FieldCause } from '../status.ts';

/**
 * CRD transition rules (`self == oldSelf`), which need the stored object and so cannot live in
 * the create/update schema. Checked by the server on update after the schema parse.
 */
interface TransitionRule {
  group: string;
  kind: string;
  path: readonly string[];
  message: string;
}

const DVP = 'virtualization.deckhouse.io';

/** The immutability rules of the DVP CRDs. */
export const transitionRules: readonly TransitionRule[] = [
  { group: DVP, kind: 'VirtualMachineOperation', path: ['spec'], message: '.spec is immutable' },
  {
    group: DVP,
    kind: 'VirtualMachineSnapshotOperation',
    path: ['spec'],
    message: '.spec is immutable',
  },
  {
    group: DVP,
    kind: 'VirtualMachineClass',
    path: ['spec', 'cpu'],
    message: '.spec.cpu is immutable',
  },
];

function at(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Structural equality of JSON values, ignoring key order (CEL `==` on objects). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * Causes for broken transition rules between the stored object and its update (both parsed, so
 * defaults are applied on both sides). A rule applies only when both sides have the field.
 */
export function validateTransition(
  group: string,
  kind: string,
  oldObj: unknown,
  newObj: unknown,
): FieldCause[] {
  return transitionRules
    .filter((r) => r.group === group && r.kind === kind)
    .flatMap((r) => {
      const before = at(oldObj, r.path);
      const after = at(newObj, r.path);
      if (before === undefined || after === undefined || jsonEqual(before, after)) return [];
      return [
        {
          reason: 'FieldValueInvalid' as const,
          field: r.path.join('.'),
          message: `Invalid value: "object": ${r.message}`,
        },
      ];
    });
}
