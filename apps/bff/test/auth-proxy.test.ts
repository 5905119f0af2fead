import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, ListPage, Me, SessionInfo, Status } from '@dvp/api';
import { seed } from './data-fixtures.ts';
import { rawRequest, startExtraBff, type ExtraBff } from './extra-bff.ts';
import { call, useStack, type Stack } from './harness.ts';

const DISKS = '/api/v1/namespaces/demo/virtualdisks';
const disk = (name: string) => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualDisk',
  metadata: { name },
  spec: { persistentVolumeClaim: { size: '1Gi' } },
});

/** A request through the "auth proxy" (from 127.0.0.1, the trusted address). */
function asProxy<T>(
  stack: Stack,
  user: string,
  method: string,
  path: string,
  body?: unknown,
  groups?: string,
) {
  return call<T>(stack, null, method, path, body, {
    'X-Remote-User': user,
    ...(groups ? { 'X-Remote-Group': groups } : {}),
  });
}

/** Signs in with a sandbox user's token: the session cookie and its CSRF token. */
async function signIn(
  stack: Stack,
  user: 'alice' | 'dave',
): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${stack.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: stack.tokens[user] }),
  });
  expect(r.status).toBe(200);
  const info = (await r.json()) as SessionInfo;
  expect(info.user?.username).toBe(user);
  return {
    cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    csrf: info.csrfToken ?? '',
  };
}

describe('auth-proxy mode: the BFF impersonates the proxy user through its own account', () => {
  const stack = useStack({
    embedded: false,
    env: { AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '127.0.0.1', LOGIN_RATE_PER_MINUTE: '6' },
  });
  let tokenMode: ExtraBff;

  beforeAll(async () => {
    await seed(stack(), 'demo', 'virtualdisks', disk('proxy-disk'));
    tokenMode = await startExtraBff(stack(), {}, { embedded: false });
  });
  afterAll(() => tokenMode?.stop());

  it('reports the proxy user in /api/me, with their own rights', async () => {
    const alice = await asProxy<Me>(stack(), 'alice', 'GET', '/api/me?namespace=demo');
    expect(alice.status).toBe(200);
    expect(alice.body.user.username).toBe('alice');
    expect(alice.body.authMode).toBe('proxy');
    expect(alice.body.access.rules.some((r) => r.verbs.includes('create'))).toBe(true);
    const bob = await asProxy<Me>(stack(), 'bob', 'GET', '/api/me?namespace=demo');
    expect(bob.body.user.username).toBe('bob');
    const bobWrites = bob.body.access.rules.filter((r) =>
      r.verbs.some((v) => ['create', 'delete', 'patch', '*'].includes(v)),
    );
    expect(bobWrites.filter((r) => (r.resources ?? []).includes('virtualdisks'))).toEqual([]);
    const grouped = await asProxy<Me>(stack(), 'erin', 'GET', '/api/me', undefined, 'ops, qa');
    expect(grouped.body.user.username).toBe('erin');
    expect(grouped.body.user.groups).toEqual(expect.arrayContaining(['ops', 'qa']));
  });

  it("lists each proxy user's own view; a forbidden read is the cluster's 403", async () => {
    const alice = await asProxy<ListPage<KubeObject>>(stack(), 'alice', 'GET', DISKS);
    expect(alice.status).toBe(200);
    expect(alice.body.items.map((d) => d.metadata.name)).toContain('proxy-disk');
    const mallory = await asProxy<Status>(stack(), 'mallory', 'GET', DISKS);
    expect(mallory.status).toBe(403);
    expect(mallory.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(mallory.body.message).toMatch(/User "mallory" cannot list resource "virtualdisks"/);
    // Groups from the proxy count: system:masters may read nodes, a plain user may not.
    const plain = await asProxy<Status>(stack(), 'erin', 'GET', '/api/v1/cluster/nodes');
    expect(plain.status).toBe(403);
    const master = await asProxy(
      stack(),
      'erin',
      'GET',
      '/api/v1/cluster/nodes',
      undefined,
      'system:masters',
    );
    expect(master.status).toBe(200);
  });

  it("answers a forbidden write with the cluster's own 403 Status", async () => {
    const bob = await asProxy<Status>(stack(), 'bob', 'POST', `${DISKS}?dryRun=All`, disk('nope'));
    expect(bob.status).toBe(403);
    expect(bob.body.reason).toBe('Forbidden');
    expect(bob.body.message).toMatch(/User "bob" cannot create resource "virtualdisks"/);
    const alice = await asProxy<KubeObject>(
      stack(),
      'alice',
      'POST',
      `${DISKS}?dryRun=All`,
      disk('ok'),
    );
    expect(alice.status).toBe(201);
    expect(alice.body.metadata.name).toBe('ok');
  });

  it('refuses proxy headers from an untrusted address, and ignores them in token mode', async () => {
    const port = Number(new URL(stack().origin).port);
    const untrusted = await rawRequest(port, {
      path: '/api/me',
      headers: { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' },
      localAddress: '127.0.0.2',
    });
    expect(untrusted.status).toBe(401);
    expect(JSON.parse(untrusted.text)).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    const ignored = await fetch(`${tokenMode.origin}/api/me`, {
      headers: { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' },
    });
    expect(ignored.status).toBe(401);
    const session = (await (
      await fetch(`${tokenMode.origin}/api/session`, {
        headers: { 'X-Remote-User': 'admin' },
      })
    ).json()) as SessionInfo;
    expect(session).toMatchObject({ authenticated: false, authMode: 'token' });
  });

  it('still accepts bearer tokens', async () => {
    const r = await call<Me>(stack(), 'dave', 'GET', '/api/me?namespace=demo');
    expect(r.status).toBe(200);
    expect(r.body.user.username).toBe('dave');
  });

  it('needs the CSRF token for state changes with a cookie session, and our own Origin', async () => {
    const { cookie, csrf } = await signIn(stack(), 'alice');
    const me = await call<Me>(stack(), null, 'GET', '/api/me', undefined, { Cookie: cookie });
    expect(me.body.user.username).toBe('alice');
    const origin = stack().origin;
    // Past the BFF's checks the cluster decides: a create, a stale edit (409), a dry-run delete.
    const writes: [string, string, unknown, number][] = [
      ['POST', `${DISKS}?dryRun=All`, disk('csrf-ok'), 201],
      [
        'PATCH',
        `${DISKS}/proxy-disk?dryRun=All`,
        { metadata: { resourceVersion: '1', labels: { a: 'b' } } },
        409,
      ],
      ['DELETE', `${DISKS}/proxy-disk?dryRun=All`, undefined, 200],
    ];
    for (const [method, path, body, expected] of writes) {
      const attempts: Record<string, string>[] = [
        { Cookie: cookie },
        { Cookie: cookie, 'X-CSRF-Token': `${csrf}x` },
      ];
      for (const headers of attempts) {
        const refused = await call<Status>(stack(), null, method, path, body, headers);
        expect(refused.status, method).toBe(403);
        expect(refused.body.message).toMatch(/X-CSRF-Token/);
      }
      const foreign = await call<Status>(stack(), null, method, path, body, {
        Cookie: cookie,
        'X-CSRF-Token': csrf,
        Origin: 'https://evil.example.com',
      });
      expect(foreign.status, method).toBe(403);
      expect(foreign.body.message).toMatch(/origin https:\/\/evil\.example\.com/);
      const ok = await call<Status>(stack(), null, method, path, body, {
        Cookie: cookie,
        'X-CSRF-Token': csrf,
        Origin: origin,
      });
      expect(ok.status, method).toBe(expected);
    }
    const bearer = await call(stack(), 'alice', 'POST', `${DISKS}?dryRun=All`, disk('bearer'), {
      Origin: 'https://evil.example.com',
    });
    expect(bearer.status).toBe(201);
    const out = await call<SessionInfo>(stack(), null, 'DELETE', '/api/session', undefined, {
      Cookie: cookie,
      'X-CSRF-Token': csrf,
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^dvp_session=;/);
  });

  it('rate-limits sign-in attempts with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 14; i += 1) {
      last = await call<Status>(stack(), null, 'POST', '/api/session', { token: 'wrong' });
      if (last.status === 429) break;
      expect(last.status).toBe(401);
    }
    expect(last?.status).toBe(429);
    expect(last?.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests' });
    const retry = Number(last?.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(last?.body.details?.retryAfterSeconds).toBe(retry);
    // Other endpoints are not limited by it.
    expect((await call(stack(), 'bob', 'GET', '/api/me')).status).toBe(200);
  });
});
