import {
  failureStatus,
  formatCauses,
  isStatus,
  type FieldCause,
  type Status,
  type StatusReason,
} from '@dvp/api';

/**
 * Kubernetes `Status` objects are the one error shape (style.md §7). Errors from the cluster pass
 * through unchanged; the BFF's own errors use the same shape. Never a client library's message:
 * client-node's `ApiException.message` embeds response headers.
 */

/** An error that answers with `status` (HTTP code = `status.code`). */
export class StatusError extends Error {
  override readonly name = 'StatusError';
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
  }
}

/** A Failure Status (the same builder the sandbox uses). */
export const makeStatus = failureStatus;

export const statusErrors = {
  badRequest: (message: string) => new StatusError(makeStatus(400, 'BadRequest', message)),
  unauthorized: (message = 'Unauthorized: sign in to continue') =>
    new StatusError(makeStatus(401, 'Unauthorized', message)),
  forbidden: (message: string) => new StatusError(makeStatus(403, 'Forbidden', message)),
  notFound: (message: string, details?: Status['details']) =>
    new StatusError(makeStatus(404, 'NotFound', message, details)),
  conflict: (message: string) => new StatusError(makeStatus(409, 'Conflict', message)),
  invalid: (what: string, causes: FieldCause[], details?: Status['details']) =>
    new StatusError(
      makeStatus(422, 'Invalid', `${what} is invalid: ${formatCauses(causes)}`, {
        ...details,
        causes,
      }),
    ),
  tooLarge: (message: string) => new StatusError(makeStatus(413, 'RequestEntityTooLarge', message)),
  unsupportedMediaType: (message: string) =>
    new StatusError(makeStatus(415, 'UnsupportedMediaType', message)),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    new StatusError(makeStatus(429, 'TooManyRequests', message, { retryAfterSeconds })),
  unavailable: (message: string) => new StatusError(makeStatus(503, 'ServiceUnavailable', message)),
};

/** Parses a response body that should be a Status; undefined when it is not one. */
export function parseStatus(body: unknown): Status | undefined {
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(value.toString()) as unknown;
    } catch {
      return undefined;
    }
  }
  return isStatus(value) ? value : undefined;
}

const REASONS: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** A Status for an upstream answer whose body is not one (a proxy's HTML, plain text…). */
export function statusForCode(code: number, text: string): Status {
  const message = text.trim().slice(0, 512) || `the cluster answered HTTP ${code}`;
  return makeStatus(code, REASONS[code] ?? 'InternalError', message);
}
