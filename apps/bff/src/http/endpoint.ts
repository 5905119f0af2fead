import type { BodyOf, Endpoint, FieldCause, ParamsOf, QueryOf, ResponseOf } from '@dvp/api';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { statusErrors } from '../k8s/status.ts';
import type { RequestAuth } from './types.ts';

/** What a handler gets: validated input, the caller's auth, and the raw req/res if needed. */
export interface RouteContext<E extends Endpoint> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  auth: RequestAuth;
  req: Request;
  res: Response;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A handler's answer: the body, or `{status, body}` to choose the HTTP code (e.g. 201). */
export type Reply<R> = R | { httpStatus: number; body: R };

export function created<R>(body: R): Reply<R> {
  return { httpStatus: 201, body };
}

function isReply<R>(v: unknown): v is { httpStatus: number; body: R } {
  return typeof v === 'object' && v !== null && 'httpStatus' in v && 'body' in v;
}

/** zod issues → Status causes with dotted field paths under `prefix`. */
export function zodCauses(error: z.ZodError, prefix = ''): FieldCause[] {
  return error.issues.map((i) => {
    const path = i.path
      .map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n === 0 ? '' : '.'}${String(p)}`))
      .join('');
    const field = prefix && path ? `${prefix}.${path}` : prefix || path;
    return {
      reason:
        i.code === 'invalid_type' && i.input === undefined
          ? 'FieldValueRequired'
          : 'FieldValueInvalid',
      message:
        i.code === 'invalid_type' && i.input === undefined
          ? 'Required value'
          : `Invalid value: ${i.message}`,
      field,
    };
  });
}

/**
 * Kubernetes' rule for names used in URL paths (apimachinery `IsValidPathSegmentName`): not
 * `.` or `..`, no `/` or `%`. Params go into cluster paths, so `..` would reach another path.
 */
export function isPathSegmentName(value: unknown): boolean {
  return typeof value !== 'string' || (value !== '.' && value !== '..' && !/[/%]/.test(value));
}

/**
 * Registers `handler` for `e` on `router`: validates params (an unknown resource is 404), query
 * and body (422 Invalid with field causes), requires a signed-in user, and sends the answer as
 * JSON. Thrown `StatusError`s become Status responses in the error handler.
 */
export function route<E extends Endpoint>(
  router: Router,
  e: E,
  handler: (ctx: RouteContext<E>) => Promise<Reply<ResponseOf<E>>>,
): void {
  const method = e.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](e.path, async (req: Request, res: Response) => {
    const params = e.params.safeParse(req.params);
    if (!params.success || !Object.values(req.params).every(isPathSegmentName))
      throw statusErrors.notFound('the server could not find the requested resource');
    const query = e.query.safeParse(req.query);
    if (!query.success) throw statusErrors.invalid('the request', zodCauses(query.error, 'query'));
    let body: unknown = undefined;
    if (e.body) {
      const parsed = e.body.safeParse(req.body);
      if (!parsed.success) throw statusErrors.invalid('the request body', zodCauses(parsed.error));
      body = parsed.data;
    }
    if (!req.auth) throw statusErrors.unauthorized();
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const out = await handler({
      params: params.data as ParamsOf<E>,
      query: query.data as QueryOf<E>,
      body: body as BodyOf<E>,
      auth: req.auth,
      req,
      res,
      signal: abort.signal,
    });
    if (res.headersSent) return;
    if (isReply<ResponseOf<E>>(out)) res.status(out.httpStatus).json(out.body);
    else res.json(out);
  });
}
