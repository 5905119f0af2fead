import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { loadEnv } from '../env.ts';
import { StatusError } from '../k8s/status.ts';
import { authenticate, originAllowed, resolveAuth, trustedProxies } from './middleware.ts';
import {
  newCsrfSecret,
  RETURNING_COOKIE,
  SESSION_COOKIE,
  SessionCodec,
  type SessionData,
} from './session.ts';

/** Unit doubles: only the parts of the context and request that identity resolution reads. */
function context(env: Record<string, string> = {}, sandbox = false): AppContext {
  return {
    env: loadEnv({ DATA_DIR: '/nonexistent', ...env }),
    sessions: new SessionCodec(randomBytes(32)),
    ...(sandbox
      ? {
          sandbox: {
            defaultUser: 'admin',
            users: [
              { username: 'admin', description: '', token: 'admin-token' },
              { username: 'bob', description: '', token: 'bob-token' },
            ],
          },
        }
      : {}),
  } as unknown as AppContext;
}

function request(
  headers: Record<string, string | string[]>,
  remoteAddress = '127.0.0.1',
  method = 'GET',
): IncomingMessage & Request {
  return { headers, method, socket: { remoteAddress } } as unknown as IncomingMessage & Request;
}

function sessionCookie(ctx: AppContext, over: Partial<SessionData> = {}): string {
  const data = { token: 'cookie-token', csrf: newCsrfSecret(), exp: Date.now() + 60_000, ...over };
  return `${SESSION_COOKIE}=${ctx.sessions.seal(data)}`;
}

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status.code;
    throw e;
  }
  return undefined;
}

const proxy = { AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.1.0.0/16 ::1 192.0.2.7' };

describe('trustedProxies', () => {
  it('matches addresses and CIDR blocks of both families', () => {
    const list = trustedProxies(['10.1.0.0/16', '192.0.2.7', 'fd00::/8', '::1']);
    expect(list.check('10.1.200.3', 'ipv4')).toBe(true);
    expect(list.check('10.2.0.1', 'ipv4')).toBe(false);
    expect(list.check('192.0.2.7', 'ipv4')).toBe(true);
    expect(list.check('192.0.2.8', 'ipv4')).toBe(false);
    expect(list.check('fd12::1', 'ipv6')).toBe(true);
    expect(list.check('::1', 'ipv6')).toBe(true);
    expect(list.check('fe80::1', 'ipv6')).toBe(false);
  });
});

describe('resolveAuth', () => {
  it('takes a bearer token', () => {
    const { auth } = resolveAuth(context(), request({ authorization: 'Bearer abc.def' }));
    expect(auth?.source).toBe('bearer');
    expect(auth?.identity).toMatchObject({ kind: 'token', token: 'abc.def' });
  });

  it('answers 401 to an Authorization header that is not a bearer token', () => {
    for (const h of ['Basic YTpi', 'Bearer', 'Bearer a b', 'token abc']) {
      expect(
        statusOf(() => resolveAuth(context(), request({ authorization: h }))),
        h,
      ).toBe(401);
    }
  });

  it('impersonates X-Remote-User/Group from a trusted proxy', () => {
    const ctx = context(proxy);
    for (const addr of ['10.1.2.3', '::ffff:10.1.2.3', '::1', '192.0.2.7']) {
      const { auth } = resolveAuth(
        ctx,
        request({ 'x-remote-user': 'alice', 'x-remote-group': ['devs, ops', 'qa'] }, addr),
      );
      expect(auth?.source, addr).toBe('proxy');
      expect(auth?.identity).toMatchObject({
        kind: 'impersonate',
        user: 'alice',
        groups: ['devs', 'ops', 'qa'],
      });
    }
  });

  it('refuses proxy headers from any other address', () => {
    const ctx = context(proxy);
    for (const addr of ['10.2.0.1', '127.0.0.1', '192.0.2.8', '::2', '']) {
      expect(statusOf(() => resolveAuth(ctx, request({ 'x-remote-user': 'admin' }, addr)))).toBe(
        401,
      );
    }
    expect(statusOf(() => resolveAuth(ctx, request({ 'x-remote-user': '' }, '10.1.0.1')))).toBe(
      401,
    );
  });

  it('ignores proxy headers in token mode and in embedded mode', () => {
    const headers = { 'x-remote-user': 'admin', 'x-remote-group': 'system:masters' };
    expect(resolveAuth(context(), request(headers)).auth).toBeUndefined();
    const embedded = context({ ...proxy, AUTH_PROXY_TRUSTED: '127.0.0.1' }, true);
    const { auth } = resolveAuth(embedded, request(headers));
    expect(auth?.source).toBe('cookie');
    expect(auth?.identity).toMatchObject({ kind: 'token', token: 'admin-token' });
  });

  it('prefers the bearer token to proxy headers', () => {
    const { auth } = resolveAuth(
      context(proxy),
      request({ authorization: 'Bearer t', 'x-remote-user': 'alice' }, '10.1.0.1'),
    );
    expect(auth?.source).toBe('bearer');
  });

  it('opens a session cookie, and ignores a tampered or expired one', () => {
    const ctx = context();
    const good = sessionCookie(ctx);
    const { auth } = resolveAuth(ctx, request({ cookie: `other=1; ${good}` }));
    expect(auth?.source).toBe('cookie');
    expect(auth?.identity).toMatchObject({ kind: 'token', token: 'cookie-token' });
    const tampered = good.slice(0, -2) + (good.endsWith('AA') ? 'BB' : 'AA');
    expect(resolveAuth(ctx, request({ cookie: tampered })).auth).toBeUndefined();
    const expired = sessionCookie(ctx, { exp: Date.now() - 1 });
    expect(resolveAuth(ctx, request({ cookie: expired })).auth).toBeUndefined();
    expect(resolveAuth(ctx, request({ cookie: `${SESSION_COOKIE}=%%%` })).auth).toBeUndefined();
  });

  it('embedded: signs a newcomer in as the default user, and keeps a chosen user', () => {
    const ctx = context({}, true);
    const fresh = resolveAuth(ctx, request({}));
    expect(fresh.fresh?.sandboxUser).toBe('admin');
    expect(fresh.auth?.sandboxUser).toBe('admin');
    const bob = sessionCookie(ctx, { token: undefined, sandboxUser: 'bob' });
    const kept = resolveAuth(ctx, request({ cookie: bob }));
    expect(kept.fresh).toBeUndefined();
    expect(kept.auth?.identity).toMatchObject({ token: 'bob-token' });
  });

  it('embedded: a browser whose session ended (signed out, expired) is no newcomer', () => {
    const ctx = context({}, true);
    const returning = `${RETURNING_COOKIE}=1`;
    expect(resolveAuth(ctx, request({ cookie: returning }))).toEqual({});
    const expired = sessionCookie(ctx, { token: undefined, sandboxUser: 'bob', exp: 1 });
    expect(resolveAuth(ctx, request({ cookie: `${returning}; ${expired}` }))).toEqual({});
    // Signing in again works as before.
    const bob = sessionCookie(ctx, { token: undefined, sandboxUser: 'bob' });
    const kept = resolveAuth(ctx, request({ cookie: `${returning}; ${bob}` }));
    expect(kept.auth?.sandboxUser).toBe('bob');
  });
});

describe('originAllowed', () => {
  it('allows our own host and the configured origins only', () => {
    const ctx = context({ ALLOWED_ORIGINS: 'https://portal.example.com' });
    const req = request({ host: 'console.example.com:8443' });
    expect(originAllowed(ctx, req, 'https://console.example.com:8443')).toBe(true);
    expect(originAllowed(ctx, req, 'https://portal.example.com')).toBe(true);
    expect(originAllowed(ctx, req, 'https://console.example.com')).toBe(false);
    expect(originAllowed(ctx, req, 'https://evil.example.com')).toBe(false);
    expect(originAllowed(ctx, req, 'null')).toBe(false);
    expect(originAllowed(ctx, req, '')).toBe(false);
  });
});

describe('authenticate (CSRF and Origin for cookie sessions)', () => {
  const ctx = context();
  const csrf = newCsrfSecret();
  const cookie = sessionCookie(ctx, { csrf });
  const run = (req: Request) =>
    statusOf(() => authenticate(ctx)(req, {} as Response, () => undefined)) ?? 'next';

  it('lets safe methods through without a token', () => {
    expect(run(request({ cookie, host: 'h' }, '127.0.0.1', 'GET'))).toBe('next');
  });

  it('needs the session CSRF token on state-changing methods', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(run(request({ cookie, host: 'h' }, '127.0.0.1', method)), method).toBe(403);
      expect(run(request({ cookie, host: 'h', 'x-csrf-token': 'wrong' }, '', method))).toBe(403);
      expect(run(request({ cookie, host: 'h', 'x-csrf-token': csrf }, '', method))).toBe('next');
    }
  });

  it('refuses a foreign Origin even with the right token', () => {
    const headers = { cookie, host: 'h:1', 'x-csrf-token': csrf };
    expect(run(request({ ...headers, origin: 'http://h:1' }, '', 'POST'))).toBe('next');
    expect(run(request({ ...headers, origin: 'http://evil:1' }, '', 'POST'))).toBe(403);
  });

  it('needs no CSRF token for bearer requests', () => {
    const req = request({ authorization: 'Bearer t', origin: 'http://evil' }, '', 'DELETE');
    expect(run(req)).toBe('next');
  });
});
