import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import type { RequestAuth } from '../http/types.ts';
import { statusErrors } from '../k8s/status.ts';
import { impersonation, tokenIdentity } from './identity.ts';
import {
  csrfMatches,
  newCsrfSecret,
  parseCookies,
  RETURNING_COOKIE,
  SESSION_COOKIE,
  type SessionData,
} from './session.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The trusted auth-proxy addresses as a BlockList (IPs and CIDRs). */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const [addr = '', bits] = e.split('/');
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits) list.addSubnet(addr, Number(bits), type);
    else list.addAddress(addr, type);
  }
  return list;
}

/** One BlockList per configured list (the env is fixed for the app's life). */
const trustedCache = new WeakMap<string[], BlockList>();

function isTrustedProxy(entries: string[], req: IncomingMessage): boolean {
  let list = trustedCache.get(entries);
  if (!list) {
    list = trustedProxies(entries);
    trustedCache.set(entries, list);
  }
  const { addr, type } = peerAddress(req);
  return list.check(addr, type);
}

function peerAddress(req: IncomingMessage): { addr: string; type: 'ipv4' | 'ipv6' } {
  let addr = req.socket.remoteAddress ?? '';
  if (addr.startsWith('::ffff:')) addr = addr.slice(7);
  return { addr, type: isIP(addr) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether cookies should be `Secure` for this request (see env COOKIE_SECURE). */
export function cookieSecure(ctx: AppContext, req: Request): boolean {
  if (ctx.env.COOKIE_SECURE !== 'auto') return ctx.env.COOKIE_SECURE === 'true';
  // Browsers accept Secure cookies from loopback hosts over plain http.
  return req.secure || ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(req.hostname);
}

export function setSessionCookie(ctx: AppContext, req: Request, res: Response, data: SessionData) {
  res.cookie(SESSION_COOKIE, ctx.sessions.seal(data), {
    httpOnly: true,
    secure: cookieSecure(ctx, req),
    // Lax keeps top-level navigation signed in; Strict would break a portal's links into us.
    // Cross-site requests are refused by the CSRF token and Origin checks below.
    sameSite: 'lax',
    path: ctx.env.BASE_PATH || '/',
    maxAge: data.exp - Date.now(),
  });
  res.cookie(RETURNING_COOKIE, '1', {
    httpOnly: true,
    secure: cookieSecure(ctx, req),
    sameSite: 'lax',
    path: ctx.env.BASE_PATH || '/',
    maxAge: RETURNING_MAX_AGE_MS,
  });
}

/** Browsers keep cookies at most 400 days. */
const RETURNING_MAX_AGE_MS = 400 * 24 * 3600 * 1000;

export function clearSessionCookie(ctx: AppContext, res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: ctx.env.BASE_PATH || '/' });
}

export function newSession(
  ctx: AppContext,
  fields: Omit<SessionData, 'csrf' | 'exp'>,
): SessionData {
  return {
    ...fields,
    csrf: newCsrfSecret(),
    exp: Date.now() + ctx.env.SESSION_MAX_AGE_SECONDS * 1000,
  };
}

/** The sandbox user's token (embedded mode), or undefined. */
function sandboxToken(ctx: AppContext, user: string | undefined): string | undefined {
  return ctx.sandbox?.users.find((u) => u.username === user)?.token;
}

/**
 * Resolves who the request is, without deciding anything for the cluster:
 * 1. `Authorization: Bearer` → that token;
 * 2. auth-proxy headers, only in proxy mode and only from a trusted address → impersonation;
 * 3. the session cookie → its token (or, embedded, its sandbox user);
 * 4. embedded mode, a newcomer (no session, and none before: no `dvp_returning`) → a new
 *    session as the sandbox's admin (a cookie is set). A browser whose session ended (signed
 *    out, expired) gets 401 like anywhere else and signs in again.
 * Leaves `req.auth` unset when none applies. Works on plain `IncomingMessage`s too (upgrades).
 */
export function resolveAuth(
  ctx: AppContext,
  req: IncomingMessage,
): { auth?: RequestAuth; fresh?: SessionData } {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1])
      throw statusErrors.unauthorized('the Authorization header must be "Bearer <token>"');
    return { auth: { identity: tokenIdentity(m[1]), source: 'bearer' } };
  }
  const remoteUser = req.headers['x-remote-user'];
  if (ctx.env.AUTH_MODE === 'proxy' && ctx.sandbox === undefined && remoteUser !== undefined) {
    if (!isTrustedProxy(ctx.env.AUTH_PROXY_TRUSTED, req)) {
      throw statusErrors.unauthorized('X-Remote-User is only accepted from the trusted auth proxy');
    }
    const user = Array.isArray(remoteUser) ? remoteUser[0] : remoteUser;
    if (!user) throw statusErrors.unauthorized('X-Remote-User is empty');
    const raw = req.headers['x-remote-group'];
    const groups = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((g) =>
      g
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );
    return { auth: { identity: impersonation(user, groups), source: 'proxy' } };
  }
  const cookies = parseCookies(req.headers.cookie);
  const cookie = cookies[SESSION_COOKIE];
  const session = cookie ? ctx.sessions.open(cookie) : undefined;
  if (session?.token) {
    return { auth: { identity: tokenIdentity(session.token), source: 'cookie', session } };
  }
  if (session?.sandboxUser) {
    const token = sandboxToken(ctx, session.sandboxUser);
    if (token) {
      return {
        auth: {
          identity: tokenIdentity(token),
          source: 'cookie',
          session,
          sandboxUser: session.sandboxUser,
        },
      };
    }
  }
  if (ctx.sandbox && !session && !cookies[RETURNING_COOKIE]) {
    const user = ctx.sandbox.defaultUser;
    const token = sandboxToken(ctx, user);
    if (token) {
      const fresh = newSession(ctx, { sandboxUser: user });
      return {
        auth: {
          identity: tokenIdentity(token),
          source: 'cookie',
          session: fresh,
          sandboxUser: user,
        },
        fresh,
      };
    }
  }
  return {};
}

/** True when `origin` is ours (same host as the request) or explicitly allowed. */
export function originAllowed(ctx: AppContext, req: IncomingMessage, origin: string): boolean {
  if (ctx.env.ALLOWED_ORIGINS.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Express middleware: sets `req.auth` and enforces CSRF and Origin on cookie sessions. */
export function authenticate(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const { auth, fresh } = resolveAuth(ctx, req);
    if (fresh) setSessionCookie(ctx, req, res, fresh);
    if (auth) req.auth = auth;
    if (auth?.source === 'cookie' && !SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      if (origin !== undefined && !originAllowed(ctx, req, origin)) {
        throw statusErrors.forbidden(`requests from origin ${origin} are not allowed`);
      }
      const presented = req.headers['x-csrf-token'];
      if (
        !auth.session ||
        !csrfMatches(auth.session.csrf, Array.isArray(presented) ? presented[0] : presented)
      ) {
        throw statusErrors.forbidden(
          'missing or wrong X-CSRF-Token: reload the page and try again',
        );
      }
    }
    next();
  };
}

/** Express middleware: 401 unless signed in. */
export function requireAuth(req: Request, _res: Response, next: NextFunction) {
  if (!req.auth) throw statusErrors.unauthorized();
  next();
}
