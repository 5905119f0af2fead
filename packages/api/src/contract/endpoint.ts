import type { z } from 'zod';

/**
 * The console ↔ BFF contract (style.md §5.1): every endpoint is a name, a method, a path with
 * `:params`, zod schemas for what the BFF accepts, and a phantom response type. The BFF registers
 * handlers from these; the console builds its client and query keys from the same objects.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint<
  Name extends string = string,
  Params = unknown,
  Query = unknown,
  Body = unknown,
  Response = unknown,
> {
  name: Name;
  method: HttpMethod;
  /** Express-style path under the BFF's base path, e.g. `/api/v1/namespaces/:namespace/…`. */
  path: string;
  params: z.ZodType<Params>;
  query: z.ZodType<Query>;
  body: z.ZodType<Body> | undefined;
  /** Type-only: never set at run time. */
  readonly response?: Response;
}

/** Declares an endpoint; `response<T>()` fixes its response type. */
export function endpoint<Name extends string, Params, Query, Body = undefined>(def: {
  name: Name;
  method: HttpMethod;
  path: string;
  params: z.ZodType<Params>;
  query: z.ZodType<Query>;
  body?: z.ZodType<Body>;
}) {
  return {
    response<Response>(): Endpoint<Name, Params, Query, Body, Response> {
      return { ...def, body: def.body };
    },
  };
}

export type ParamsOf<E> = E extends Endpoint<string, infer P> ? P : never;
export type QueryOf<E> = E extends Endpoint<string, unknown, infer Q> ? Q : never;
export type BodyOf<E> = E extends Endpoint<string, unknown, unknown, infer B> ? B : never;
export type ResponseOf<E> =
  E extends Endpoint<string, unknown, unknown, unknown, infer R> ? R : never;

/** Fills `:name` segments of `path` from `params` (URI-encoded); throws on a missing one. */
export function buildPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const v = params[key];
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new Error(`missing path parameter ${key}`);
    if (v === '') throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(String(v));
  });
}
