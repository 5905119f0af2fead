import { describe, expect, it } from 'vitest';
import type { Me, SessionInfo } from '@dvp/api';
import { call, useStack } from './harness.ts';

describe('sessions and identity', () => {
  const stack = useStack();

  it('signs a newcomer in as the sandbox admin with an HttpOnly cookie and a CSRF token', async () => {
    const res = await fetch(`${stack().url}/api/session`);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^dvp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const info = (await res.json()) as SessionInfo;
    expect(info.authenticated).toBe(true);
    expect(info.authMode).toBe('embedded');
    expect(info.user?.username).toBe('admin');
    expect(info.csrfToken).toBeTruthy();
    expect(info.sandboxUsers?.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'alice', 'bob']),
    );
    expect(info.sandboxUsers?.map((u) => u.username)).not.toContain('dvp-console');
  });

  it('switches to an example user, and refuses a state change without the CSRF token', async () => {
    const first = await fetch(`${stack().url}/api/session`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await first.json()) as SessionInfo;
    const noCsrf = await fetch(`${stack().url}/api/session`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'bob' }),
    });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { reason: string }).reason).toBe('Forbidden');
    const ok = await fetch(`${stack().url}/api/session`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        'Content-Type': 'application/json',
        'X-CSRF-Token': csrfToken ?? '',
      },
      body: JSON.stringify({ user: 'bob' }),
    });
    expect(ok.status).toBe(200);
    const bobCookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await fetch(`${stack().url}/api/me?namespace=demo`, {
      headers: { Cookie: bobCookie },
    });
    const body = (await me.json()) as Me;
    expect(body.user.username).toBe('bob');
  });

  it('accepts a bearer token and reports who it is and what it may do', async () => {
    const r = await call<Me>(stack(), 'dave', 'GET', '/api/me?namespace=demo');
    expect(r.status).toBe(200);
    expect(r.body.user.username).toBe('dave');
    expect(r.body.access.namespace).toBe('demo');
    expect(r.body.access.rules.length).toBeGreaterThan(0);
  });

  it('rejects a token the cluster does not know with 401 Unauthorized', async () => {
    const r = await call(stack(), null, 'GET', '/api/me', undefined, {
      Authorization: 'Bearer not-a-real-token',
    });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('after sign-out the browser stays signed out (401) instead of becoming the admin again', async () => {
    const first = await fetch(`${stack().url}/api/session`);
    const cookies = first.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['dvp_session', 'dvp_returning']);
    const { csrfToken } = (await first.json()) as SessionInfo;
    const out = await fetch(`${stack().url}/api/session`, {
      method: 'DELETE',
      headers: { Cookie: cookies.join('; '), 'X-CSRF-Token': csrfToken ?? '' },
    });
    expect(out.status).toBe(200);
    // The browser drops the cleared session cookie and keeps the returning marker.
    const returning = cookies.filter((c) => c.startsWith('dvp_returning='));
    const me = await fetch(`${stack().url}/api/me`, { headers: { Cookie: returning.join('; ') } });
    expect(me.status).toBe(401);
    const info = await fetch(`${stack().url}/api/session`, {
      headers: { Cookie: returning.join('; ') },
    });
    expect(info.headers.getSetCookie()).toEqual([]);
    expect(((await info.json()) as SessionInfo).authenticated).toBe(false);
  });
});
