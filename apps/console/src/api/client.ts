import {
  buildPath,
  endpoints,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from '@dvp/api';
import { bffUrl } from './base-path.ts';
import { ApiError, statusOfResponse, toApiError } from './errors.ts';

/** CSRF token of the cookie session (from `/api/session`); sent on every state-changing call. */
let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type SessionListener = () => void;
const sessionExpiredListeners = new Set<SessionListener>();
/** Called when the BFF answers 401 (the session cookie expired or was revoked). */
export function onSessionExpired(fn: SessionListener): () => void {
  sessionExpiredListeners.add(fn);
  return () => sessionExpiredListeners.delete(fn);
}

/** Tells every listener the session has ended (a 401, or the BFF says so when asked). */
export function sessionExpired(): void {
  for (const fn of sessionExpiredListeners) fn();
}

/** Arguments of a call: path params, query and body as the endpoint declares them. */
export type CallArgs<E extends Endpoint> = {
  params: ParamsOf<E>;
  query?: QueryOf<E>;
  signal?: AbortSignal;
} & (BodyOf<E> extends undefined ? { body?: undefined } : { body: BodyOf<E> });

export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The URL of a call (path params filled, query appended), under the BFF's base path. */
export function endpointUrl<E extends Endpoint>(
  e: E,
  params: ParamsOf<E>,
  query?: QueryOf<E>,
): string {
  return bffUrl(
    buildPath(e.path, params as Record<string, unknown>) +
      queryString(query as Record<string, unknown>),
  );
}

/**
 * The one doorway to the BFF (style.md §5.2): typed data or an {@link ApiError} carrying the
 * Kubernetes Status. No component calls `fetch` itself.
 */
export async function call<E extends Endpoint>(e: E, args: CallArgs<E>): Promise<ResponseOf<E>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (e.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload: string | undefined;
  if (args.body !== undefined) {
    payload = JSON.stringify(args.body);
    headers['Content-Type'] =
      e.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(endpointUrl(e, args.params, args.query), {
      method: e.method,
      headers,
      body: payload ?? null,
      credentials: 'same-origin',
      signal: args.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw toApiError(err);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const requestId = res.headers.get('X-Request-Id') ?? undefined;
    const error = new ApiError(statusOfResponse(res.status, body, text), requestId);
    // A refused sign-in is that call's error, not the end of a session.
    if (res.status === 401 && e.name !== 'sessionCreate') sessionExpired();
    // Logged once here (style.md §7), with what support needs to find it.
    console.warn(
      `[api] ${e.method} ${e.name} → ${res.status} ${error.reason}${requestId ? ` (request ${requestId})` : ''}`,
    );
    throw error;
  }
  return body as ResponseOf<E>;
}

/** The contract's endpoints, for `call(api.vmList, …)`. */
export const api = endpoints;
