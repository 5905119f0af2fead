import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context.ts';
import { statusErrors } from '../k8s/status.ts';

/** A Host header we are willing to repeat in the CSP (anything else adds no ws source). */
const SAFE_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Browsers before CSP level 3 do not let `'self'` cover websockets, so our own host's `ws:`/`wss:`
 * is added explicitly (the VNC and serial consoles are websockets).
 */
function websocketSources(req: IncomingMessage): string {
  const host = req.headers.host;
  if (!host || !SAFE_HOST.test(host)) return '';
  return `ws://${host} wss://${host}`;
}

/**
 * helmet-level headers for a React SPA that may be embedded in the portal's iframe:
 * - CSP: scripts only from us; inline styles allowed (component libraries set `style`);
 *   `frame-ancestors 'self'` plus FRAME_ANCESTORS. No `X-Frame-Options`: it cannot express an
 *   allowlist, and `DENY`/`SAMEORIGIN` would break the portal's embedding.
 * - No COEP and no CORP: a cross-origin-isolated portal could not frame us with them, and we
 *   need no SharedArrayBuffer. COOP stays (it is ignored inside iframes).
 * - HSTS only on HTTPS requests: on plain http it is ignored by browsers and would be a lie.
 * - No `upgrade-insecure-requests`: the console is served on plain http (loopback, LAN) too.
 */
export function securityHeaders(ctx: AppContext) {
  const frameAncestors = ["'self'", ...ctx.env.FRAME_ANCESTORS.filter((s) => s !== "'self'")];
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => websocketSources(req)],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    originAgentCluster: true,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
    xContentTypeOptions: true,
    xDnsPrefetchControl: { allow: false },
    xDownloadOptions: true,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
    xPoweredBy: false,
    xXssProtection: true,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 3600 });
  return (req: Request, res: Response, next: NextFunction) => {
    headers(req as IncomingMessage, res as ServerResponse, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      if (req.secure) hsts(req, res, next);
      else next();
    });
  };
}

/** Deepest JSON nesting accepted in a request body (Kubernetes objects stay well below it). */
export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a parsed JSON value, without recursion (so a deep value cannot overflow). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
    }
  }
  return max;
}

/**
 * Refuses bodies nested deeper than MAX_JSON_DEPTH with 400: later `JSON.stringify`, schema
 * checks and the cluster all recurse, and a deep body would be a cheap way to crash them.
 */
export function rejectDeepJson(req: Request, _res: Response, next: NextFunction) {
  if (typeof req.body === 'object' && req.body !== null) {
    if (jsonDepth(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      throw statusErrors.badRequest(
        `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
      );
    }
  }
  next();
}
