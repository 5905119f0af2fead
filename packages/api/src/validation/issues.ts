import type { z } from 'zod';

import type { CauseReason } from '../status.ts';

/**
 * The contract between the kind schemas and {@link zodIssuesToCauses}: checks that zod cannot
 * express natively (CEL rules, `oneOf`) raise a `custom` issue whose `params.k8s` says how
 * kube-apiserver would word the error.
 */
export interface K8sIssueParams {
  reason: CauseReason;
  /** The value kube-apiserver prints after `Invalid value:`; CEL rules print the schema type. */
  value: unknown;
  /** Text after the value. `{path}` is replaced with the dotted field path. */
  detail: string;
  /** Overrides the cause's field (kube-apiserver reports `oneOf` failures on a nil path). */
  field?: string;
}

/**
 * The OpenAPI type a CEL rule is attached to; kube-apiserver prints it as the bad value.
 * Int-or-string nodes have no type, hence `''`.
 */
export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'boolean' | '';

type Ctx = z.core.$RefinementCtx;

/**
 * Reports a failed `x-kubernetes-validations` rule as kube-apiserver does:
 * `<path>: Invalid value: "<type>": <message>`.
 */
export function celIssue(
  ctx: Ctx,
  message: string,
  path: (string | number)[] = [],
  type: SchemaType = 'object',
): void {
  const k8s: K8sIssueParams = { reason: 'FieldValueInvalid', value: type, detail: message };
  ctx.addIssue({ code: 'custom', message, path, params: { k8s } });
}

/**
 * Reports a failed `oneOf` the way kube-openapi does: the error has no field path and names the
 * offending path inside its text.
 */
export function oneOfIssue(ctx: Ctx, validCount: number, path: (string | number)[] = []): void {
  const found = validCount === 0 ? 'Found none valid' : `Found ${validCount} valid alternatives`;
  const k8s: K8sIssueParams = {
    reason: 'FieldValueInvalid',
    value: '',
    detail: `"{path}" must validate one and only one schema (oneOf). ${found}`,
    field: '<nil>',
  };
  ctx.addIssue({ code: 'custom', message: 'oneOf', path, params: { k8s } });
}

/** Reads `params.k8s` from a zod issue, when a kind schema put it there. */
export function k8sParamsOf(issue: z.core.$ZodIssue): K8sIssueParams | undefined {
  if (issue.code !== 'custom') return undefined;
  const k8s = (issue.params as { k8s?: unknown } | undefined)?.k8s;
  if (typeof k8s !== 'object' || k8s === null) return undefined;
  return k8s as K8sIssueParams;
}
