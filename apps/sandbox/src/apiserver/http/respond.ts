import type { ServerResponse } from 'node:http';
import { StatusError, errors } from '../errors.ts';

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
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
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
