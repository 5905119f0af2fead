/**
 * Field selectors as kube-apiserver parses them (`k8s.io/apimachinery/pkg/fields`) plus the
 * per-kind field label conversions that say which fields a kind can be selected by
 * (`pkg/apis/core/v1/conversion.go`, `runtime.DefaultMetaV1FieldSelectorConversion`).
 */
import { errors } from './errors.ts';
import type { KubeObject } from './types.ts';

/** One term of a field selector: `field=value` / `field==value` or `field!=value`. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** A parsed field selector for one kind. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  matches(obj: KubeObject): boolean;
}

/** The fields a kind can be selected by, and how to read them (kube's `GetAttrs`). */
export interface FieldGetter {
  readonly fields: readonly string[];
  /** kube's error for an unsupported field differs between core kinds and everything else. */
  unsupported(field: string): string;
  get(obj: KubeObject, field: string): string;
}

type Fields = Record<string, (o: Record<string, unknown>) => unknown>;

function at(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

// Selectable fields are strings or booleans (rendered "true"/"false" like Go's fmt).
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : '';
const meta = (o: Record<string, unknown>, k: string) => at(o, 'metadata', k);
const name: Fields = { 'metadata.name': (o) => meta(o, 'name') };
const namespaced: Fields = { ...name, 'metadata.namespace': (o) => meta(o, 'namespace') };

const involved = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

/** Core kinds with their own field label conversion (pkg/apis/core/v1/conversion.go). */
const CORE_FIELDS: Record<string, Fields> = {
  Event: {
    ...namespaced,
    ...Object.fromEntries(
      involved.map((f) => [`involvedObject.${f}`, (o) => at(o, 'involvedObject', f)]),
    ),
    reason: (o) => o.reason,
    type: (o) => o.type,
    reportingComponent: (o) => o.reportingComponent,
    // registry/core/event: the source component, else the reporting controller.
    source: (o) => str(at(o, 'source', 'component')) || o.reportingComponent,
  },
  Namespace: { ...name, 'status.phase': (o) => at(o, 'status', 'phase') },
  Node: { ...name, 'spec.unschedulable': (o) => at(o, 'spec', 'unschedulable') === true },
  Secret: { ...namespaced, type: (o) => o.type },
  Pod: {
    ...namespaced,
    'spec.nodeName': (o) => at(o, 'spec', 'nodeName'),
    'spec.restartPolicy': (o) => at(o, 'spec', 'restartPolicy'),
    'spec.schedulerName': (o) => at(o, 'spec', 'schedulerName'),
    'spec.serviceAccountName': (o) => at(o, 'spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => at(o, 'spec', 'hostNetwork') === true,
    'status.phase': (o) => at(o, 'status', 'phase'),
    'status.podIP': (o) => at(o, 'status', 'podIP'),
    'status.nominatedNodeName': (o) => at(o, 'status', 'nominatedNodeName'),
  },
};

/** Which fields `kind` supports: its own set for core kinds, else metadata.name/namespace. */
export function fieldGetter(kind: string): FieldGetter {
  const core = CORE_FIELDS[kind];
  const fields = core ?? namespaced;
  return {
    fields: Object.keys(fields),
    unsupported: core
      ? (f) => `field label not supported: ${f}`
      : (f) => `"${f}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
    get: (obj, field) => str(fields[field]?.(obj)),
  };
}

/** Splits at `sep` where it is not escaped with a backslash. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\\' && i + 1 < s.length) {
      cur += c + (s[i + 1] ?? '');
      i += 1;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` are the only escapes; bare `,`/`=` are errors. */
function unescapeValue(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? '';
    if (c === '\\') {
      const n = v[i + 1];
      if (n !== '\\' && n !== ',' && n !== '=') {
        throw new Error(`invalid field selector: invalid escape sequence: \\${n ?? ''}`);
      }
      out += n;
      i += 1;
    } else if (c === ',' || c === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${c}`);
    } else out += c;
  }
  return out;
}

function parseTerm(selector: string, term: string): FieldRequirement {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) {
        return {
          field: term.slice(0, i),
          operator: op === '!=' ? '!=' : '=',
          value: unescapeValue(term.slice(i + op.length)),
        };
      }
    }
  }
  throw new Error(`invalid selector: '${selector}'; can't understand '${term}'`);
}

/**
 * Parses a `fieldSelector` for `kind` and checks every field is selectable for it.
 * Throws 400 BadRequest with kube's text for syntax errors and unsupported fields.
 */
export function parseFieldSelector(selector: string, kind: string): FieldSelector {
  const getter = fieldGetter(kind);
  let requirements: FieldRequirement[];
  try {
    requirements = splitUnescaped(selector, ',')
      .filter((t) => t !== '')
      .map((t) => parseTerm(selector, t));
  } catch (e) {
    throw errors.badRequest((e as Error).message);
  }
  for (const r of requirements) {
    if (!getter.fields.includes(r.field)) throw errors.badRequest(getter.unsupported(r.field));
  }
  return {
    requirements,
    matches: (obj) =>
      requirements.every((r) => (getter.get(obj, r.field) === r.value) === (r.operator === '=')),
  };
}
