/**
 * Kubernetes `Status` objects: the one error shape used end to end (sandbox → BFF → console).
 * Field names follow `k8s.io/apimachinery/pkg/apis/meta/v1` `Status`.
 */

/** Why a field was rejected (`metav1.CauseType`). */
export type CauseReason =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError'
  | 'UnexpectedServerResponse'
  | 'FieldManagerConflict'
  | 'ResourceVersionTooLarge';

/** One rejected field: `field` is a dotted path such as `spec.blockDeviceRefs[0].name`. */
export interface FieldCause {
  reason: CauseReason;
  /** Human text without the field path, e.g. `Invalid value: 17: must be a multiple of 2`. */
  message: string;
  field: string;
}

/** `metav1.StatusReason` values the product uses. */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'Timeout'
  | 'ServerTimeout'
  | 'ServiceUnavailable'
  | 'InternalError'
  | '';

/** The `Status` kind. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: FieldCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** A `Failure` Status as kube-apiserver writes it (`details` only when given). */
export function failureStatus(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

/** True when a parsed JSON body is a `Status`. */
export function isStatus(value: unknown): value is Status {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'Status' &&
    typeof (value as { code?: unknown }).code === 'number'
  );
}

/** Formats causes the way kube-apiserver builds an Invalid message: `a: x` or `[a: x, b: y]`. */
export function formatCauses(causes: readonly FieldCause[]): string {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  return parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
}
