import { isStatus, type Status } from '@dvp/api';

/** One field cause of a Kubernetes `Status` (`details.causes[]`). */
export interface StatusCause {
  field?: string;
  reason?: string;
  message?: string;
}

/**
 * Every failed BFF call throws this: the Kubernetes `Status` the BFF answered (or one built for a
 * network failure), with the HTTP code, reason and field causes at hand.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: Status,
    readonly requestId?: string,
  ) {
    super(status.message ?? status.reason ?? `HTTP ${status.code ?? 0}`);
  }
  get code(): number {
    return this.status.code ?? 0;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
  get causes(): StatusCause[] {
    return this.status.details?.causes ?? [];
  }
}

/** Turns any thrown value into an ApiError (a network failure has code 0 and no reason). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isStatus(e)) return new ApiError(e);
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: 0,
    message,
  });
}

/** Builds the Status of a non-JSON or unparsable failure answer. */
export function statusOfResponse(code: number, body: unknown, text: string): Status {
  if (isStatus(body)) return body;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code,
    message: text.slice(0, 500) || `HTTP ${code}`,
  };
}
