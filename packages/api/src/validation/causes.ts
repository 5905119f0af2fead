import type { z } from 'zod';

import type { CauseReason, FieldCause } from '../status.ts';
import { k8sParamsOf } from './issues.ts';
import { originalPattern } from './patterns.ts';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/**
 * Renders a field path as kube-apiserver does for CRD validation: `spec.blockDeviceRefs[0].kind`.
 * Map keys are joined with dots too, because kube-openapi builds its paths that way.
 */
export function formatFieldPath(path: readonly PathKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let cur = input;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** The JSON type name kube-openapi reports for a value (`integer` vs `number` as in Go). */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** A bad value as `field.Error` prints it: strings quoted, numbers and booleans bare. */
function repr(v: unknown): string {
  if (v === undefined || v === null) return '"null"';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const OPENAPI_TYPE: Record<string, string> = {
  number: 'integer',
  int: 'integer',
  bigint: 'integer',
  record: 'object',
  map: 'object',
};

function cause(reason: CauseReason, field: string, message: string): FieldCause {
  return { reason, field, message };
}

function invalid(field: string, value: unknown, detail: string): FieldCause {
  return cause('FieldValueInvalid', field, `Invalid value: ${repr(value)}: ${detail}`);
}

function typeCause(field: string, value: unknown, expected: string): FieldCause {
  const actual = jsonType(value);
  return cause(
    'FieldValueTypeInvalid',
    field,
    `Invalid value: "${actual}": ${field} in body must be of type ${expected}: "${actual}"`,
  );
}

/** An `invalid_union` whose branches all rejected the value's type (int-or-string quantities). */
function unionCauses(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  input: unknown,
  path: readonly PathKey[],
): FieldCause[] {
  const branches = issue.errors;
  const typeOnly = branches.every((b) =>
    b.every((i) => i.code === 'invalid_type' && !i.path.length),
  );
  const value = valueAt(input, path);
  const field = formatFieldPath(path);
  if (typeOnly) {
    if (value === undefined) return [cause('FieldValueRequired', field, 'Required value')];
    const expected = branches
      .flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? i.expected : '')))
      .map((e) => OPENAPI_TYPE[e] ?? e);
    return [typeCause(field, value, [...new Set(expected)].join(','))];
  }
  const best =
    branches.find((b) => !b.every((i) => i.code === 'invalid_type')) ?? branches[0] ?? [];
  return best.flatMap((i) => issueToCauses({ ...i, path: [...path, ...i.path] }, input));
}

function issueToCauses(issue: Issue, input: unknown): FieldCause[] {
  const path = issue.path;
  const field = formatFieldPath(path);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [cause('FieldValueRequired', field, 'Required value')];
      return [typeCause(field, value, OPENAPI_TYPE[issue.expected] ?? issue.expected)];
    case 'invalid_value': {
      if (value === undefined) return [cause('FieldValueRequired', field, 'Required value')];
      const supported = issue.values.map((v) => JSON.stringify(String(v))).join(', ');
      return [
        cause(
          'FieldValueNotSupported',
          field,
          `Unsupported value: ${repr(value)}: supported values: ${supported}`,
        ),
      ];
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') {
        return [invalid(field, value, `${field} in body should be at least ${n} chars long`)];
      }
      if (issue.origin === 'array') {
        const len = Array.isArray(value) ? value.length : 0;
        return [invalid(field, len, `${field} in body should have at least ${n} items`)];
      }
      const op = issue.inclusive === false ? 'greater than' : 'greater than or equal to';
      return [invalid(field, value, `${field} in body should be ${op} ${n}`)];
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') {
        const unit = n === 1 ? 'byte' : 'bytes';
        return [cause('FieldValueTooLong', field, `Too long: may not be more than ${n} ${unit}`)];
      }
      if (issue.origin === 'array') {
        const len = Array.isArray(value) ? value.length : 0;
        return [
          cause('FieldValueTooMany', field, `Too many: ${len}: must have at most ${n} items`),
        ];
      }
      const op = issue.inclusive === false ? 'less than' : 'less than or equal to';
      return [invalid(field, value, `${field} in body should be ${op} ${n}`)];
    }
    case 'invalid_format': {
      const pattern =
        issue.format === 'regex' && issue.pattern ? originalPattern(issue.pattern) : '';
      if (pattern) return [invalid(field, value, `${field} in body should match '${pattern}'`)];
      return [invalid(field, value, `${field} in body must be of type string: "${issue.format}"`)];
    }
    case 'invalid_union':
      return unionCauses(issue, input, path);
    case 'custom': {
      const k8s = k8sParamsOf(issue);
      if (!k8s) return [invalid(field, value, issue.message)];
      const detail = k8s.detail.replaceAll('{path}', field);
      return [
        cause(k8s.reason, k8s.field ?? field, `Invalid value: ${repr(k8s.value)}: ${detail}`),
      ];
    }
    default:
      return [invalid(field, value, issue.message)];
  }
}

/**
 * Turns zod issues from a kind schema into Kubernetes causes worded as kube-apiserver words CRD
 * validation errors (`Required value`, `Unsupported value: …`, `… in body should match '…'`).
 * `input` is the object that was parsed; the bad values are read from it.
 */
export function zodIssuesToCauses(issues: readonly Issue[], input: unknown): FieldCause[] {
  return issues.flatMap((issue) => issueToCauses(issue, input));
}
