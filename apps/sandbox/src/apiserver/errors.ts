import {
  failureStatus,
  formatCauses,
  type FieldCause,
  type Status,
  type StatusReason,
} from '@dvp/api';

/** An error that carries the Kubernetes `Status` to answer with. Thrown anywhere in a request. */
export class StatusError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'StatusError';
    this.status = status;
  }

  get code(): number {
    return this.status.code;
  }
}

/** Identifies the object an error is about: `group` + plural `resource` (+ `kind` for Invalid). */
export interface Target {
  group: string;
  resource: string;
  kind?: string;
  name?: string;
}

function qualified(t: Target): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

function failure(
  code: number,
  reason: StatusReason,
  message: string,
  details?: Status['details'],
): StatusError {
  return new StatusError(failureStatus(code, reason, message, details));
}

function targetDetails(t: Target): Status['details'] {
  return { ...(t.name !== undefined ? { name: t.name } : {}), group: t.group, kind: t.resource };
}

export const errors = {
  badRequest: (message: string) => failure(400, 'BadRequest', message),
  unauthorized: () => failure(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, t?: Target) =>
    failure(403, 'Forbidden', message, t ? targetDetails(t) : undefined),
  notFound: (t: Target & { name: string }) =>
    failure(404, 'NotFound', `${qualified(t)} "${t.name}" not found`, targetDetails(t)),
  pathNotFound: () => failure(404, 'NotFound', 'the server could not find the requested resource'),
  methodNotAllowed: (message: string) => failure(405, 'MethodNotAllowed', message),
  notAcceptable: (message: string) => failure(406, 'NotAcceptable', message),
  alreadyExists: (t: Target & { name: string }) =>
    failure(409, 'AlreadyExists', `${qualified(t)} "${t.name}" already exists`, targetDetails(t)),
  conflict: (t: Target & { name: string }, why: string) =>
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(t)} "${t.name}": ${why}`,
      targetDetails(t),
    ),
  gone: (message: string) => failure(410, 'Gone', message),
  expired: (message: string) => failure(410, 'Expired', message),
  /** 422 with field causes; the message matches kube-apiserver's `Kind.group "name" is invalid: …`. */
  invalid: (t: Target & { kind: string; name: string }, causes: FieldCause[]) =>
    failure(
      422,
      'Invalid',
      `${t.group ? `${t.kind}.${t.group}` : t.kind} "${t.name}" is invalid: ${formatCauses(causes)}`,
      { name: t.name, group: t.group, kind: t.kind, causes },
    ),
  unsupportedMediaType: (message: string) => failure(415, 'UnsupportedMediaType', message),
  tooLarge: (message: string) => failure(413, 'RequestEntityTooLarge', message),
  internal: (message: string) => failure(500, 'InternalError', message),
  serviceUnavailable: (message: string) => failure(503, 'ServiceUnavailable', message),
  /** 429, as an eviction the disruption rules do not allow yet (the client retries). */
  tooManyRequests: (message: string, t?: Target) =>
    failure(429, 'TooManyRequests', message, t ? targetDetails(t) : undefined),
};
