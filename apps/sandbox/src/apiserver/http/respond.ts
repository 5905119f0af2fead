import type { ServerResponse } from 'node:http';
import { StatusError, errors } from '../errors.ts';

/**
 * One `Warning: 299 - "text"` header value. Headers must be ASCII, and warnings can quote user
 * input (unknown field names), so anything else is escaped; kube also bounds their length.
 */
function warningHeader(text: string): string {
  const bounded = text.length > 256 ? `${text.slice(0, 253)}...` : text;
  const quoted = JSON.stringify(bounded).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `299 - ${quoted}`;
}

/** Sends a JSON body (an object, or a string already serialized). */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  warnings: readonly string[] = [],
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length) headers.Warning = warnings.slice(0, 20).map(warningHeader);
  res.writeHead(code, headers);
  res.end(text);
}

/** Answers with the Status of an error; anything that is not a StatusError becomes a 500. */
export function sendError(res: ServerResponse, err: unknown, requestId: string): void {
  const status =
    err instanceof StatusError
      ? err.status
      : errors.internal(`Internal error occurred: request ${requestId} failed`).status;
  if (!(err instanceof StatusError)) {
    console.error(`[sandbox] request ${requestId} failed:`, err);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code, status);
}
