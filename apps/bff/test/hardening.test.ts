import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPathSegmentName } from '../src/http/endpoint.ts';
import { jsonDepth } from '../src/http/security.ts';
import { createLogger } from '../src/http/logger.ts';
import { CacheStateClock } from '../src/routes/ops.ts';
import { rawRequest, startExtraBff, type ExtraBff } from './extra-bff.ts';
import { call, eventually, useStack } from './harness.ts';

/** CSP header → directive name → sources. */
function csp(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  const stack = useStack({
    env: {
      FRAME_ANCESTORS: 'https://portal.example.com https://*.example.org',
      TRUST_PROXY: 'loopback',
      BODY_LIMIT_BYTES: '4096',
    },
  });

  it('sends a CSP fit for the SPA, embeddable by the configured portal only', async () => {
    for (const path of ['/', '/api/session', '/api/nope']) {
      const res = await fetch(`${stack().url}${path}`);
      const policy = csp(res.headers.get('content-security-policy'));
      expect(policy['default-src'], path).toEqual(["'self'"]);
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
      expect(policy['font-src']).toEqual(["'self'", 'data:']);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['base-uri']).toEqual(["'self'"]);
      expect(policy['form-action']).toEqual(["'self'"]);
      expect(policy['frame-ancestors']).toEqual([
        "'self'",
        'https://portal.example.com',
        'https://*.example.org',
      ]);
      const host = new URL(stack().origin).host;
      expect(policy['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(policy['upgrade-insecure-requests']).toBeUndefined();
      // Embeddable: no X-Frame-Options, no cross-origin isolation headers.
      expect(res.headers.get('x-frame-options')).toBeNull();
      expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('sends HSTS only when the request came over HTTPS', async () => {
    const res = await fetch(`${stack().url}/healthz`, {
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });

  it('does not copy a forged Host header into the policy', async () => {
    const port = Number(new URL(stack().origin).port);
    const res = await rawRequest(port, {
      path: '/healthz',
      headers: { Host: 'x; script-src https://evil.example' },
    });
    const policy = csp(res.headers['content-security-policy'] as string);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
  });

  it('limits body size (413) and nesting depth (400) with Status answers', async () => {
    const big = await call(stack(), 'admin', 'POST', '/api/session', { token: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge' });
    const deep = JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) as unknown;
    const nested = await call(stack(), 'admin', 'POST', '/api/session', deep);
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect((nested.body as { message: string }).message).toMatch(/nested deeper than 64/);
  });

  it('keeps path parameters from reaching other cluster paths (.., /, %)', async () => {
    const port = Number(new URL(stack().origin).port);
    const auth = { Authorization: `Bearer ${stack().tokens.admin}` };
    for (const path of [
      '/api/v1/namespaces/../virtualmachines/x',
      '/api/v1/namespaces/demo/virtualmachines/%2e%2e',
      '/api/v1/namespaces/demo/virtualdisks/..%2F..%2Fvirtualmachines',
      '/api/v1/namespaces/demo/virtualdisks/a%25b',
      '/api/v1/cluster/nodes/.',
    ]) {
      const res = await rawRequest(port, { path, headers: auth });
      expect(res.status, path).toBe(404);
      // The BFF's own 404: the request never went to the cluster.
      expect(JSON.parse(res.text), path).toMatchObject({
        kind: 'Status',
        message: 'the server could not find the requested resource',
      });
    }
    expect(isPathSegmentName('web-1')).toBe(true);
    expect(isPathSegmentName('a.b')).toBe(true);
    for (const bad of ['.', '..', 'a/b', 'a%b']) expect(isPathSegmentName(bad), bad).toBe(false);
  });

  it('measures depth without recursion', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: null }] })).toBe(3);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(jsonDepth(deep, 64)).toBe(65);
    expect(jsonDepth(deep)).toBe(100_000);
  });
});

describe('ops endpoints', () => {
  const stack = useStack({ env: { BASE_PATH: '/virt' } });

  it('answers healthz, readyz and metrics under the base path without a session', async () => {
    const health = await fetch(`${stack().url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
    expect(health.headers.get('set-cookie')).toBeNull();
    const ready = await fetch(`${stack().url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ok');
    await stack().ctx.cache.ready('virtualmachines');
    await call(stack(), 'bob', 'GET', '/api/me?namespace=demo');
    const metrics = await fetch(`${stack().url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(
      /dvp_bff_http_request_duration_seconds_count\{method="GET",route="\/api\/me",code="200"\} [1-9]/,
    );
    expect(text).toMatch(/^dvp_bff_upstream_watches [1-9]/m);
    expect(text).toMatch(/^dvp_bff_upstream_request_duration_seconds_count\{/m);
    for (const name of [
      'dvp_bff_stream_clients',
      'dvp_bff_proxy_bytes_total',
      'dvp_bff_upload_bytes_total',
    ])
      expect(text).toContain(`# TYPE ${name}`);
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(`${stack().origin}${path}`)).status, path).toBe(404);
    }
  });

  it('counts a kind stuck retrying or listing, not one that recovers', () => {
    const informers = new Map<string, EventEmitter>();
    const states: Record<string, string> = { virtualmachines: 'watching', nodes: 'listing' };
    const cache = {
      states: () => ({ ...states }),
      informer: (kind: string) => {
        let inf = informers.get(kind);
        if (!inf) informers.set(kind, (inf = new EventEmitter()));
        return inf;
      },
    };
    const clock = new CacheStateClock({ cache } as never);
    expect(clock.stuck(1_000, 60_000)).toEqual([]);
    expect(clock.stuck(61_000, 60_000)).toEqual([{ kind: 'nodes', state: 'listing', ms: 60_000 }]);
    // nodes finished listing; virtualmachines went into backoff at t=70 s.
    states.nodes = 'watching';
    states.virtualmachines = 'backoff';
    expect(clock.stuck(70_000, 60_000)).toEqual([]);
    expect(clock.stuck(129_000, 60_000)).toEqual([]);
    expect(clock.stuck(130_000, 60_000)).toEqual([
      { kind: 'virtualmachines', state: 'backoff', ms: 60_000 },
    ]);
    states.virtualmachines = 'stopped';
    expect(clock.stuck(130_001, 60_000).map((s) => s.state)).toEqual(['stopped']);
  });

  it('is not ready, with each cached kind state, when the cluster is gone', async () => {
    await stack().ctx.cache.ready('virtualmachines');
    await stack().sandbox.stop();
    const body = await eventually(async () => {
      const res = await fetch(`${stack().url}/readyz`);
      const b = (await res.json()) as { code: number; cache: Record<string, string> };
      return res.status === 503 && b.cache.virtualmachines === 'backoff' && b;
    });
    expect(body).toMatchObject({ kind: 'Status', code: 503, reason: 'ServiceUnavailable' });
    expect((body as unknown as { message: string }).message).toMatch(
      /^not ready: the cluster API does not answer/,
    );
    expect((await fetch(`${stack().url}/healthz`)).status).toBe(200);
  });
});

describe('request logs', () => {
  const stack = useStack();
  const lines: string[] = [];
  let bff: ExtraBff;

  beforeAll(async () => {
    bff = await startExtraBff(
      stack(),
      { LOG_LEVEL: 'info' },
      { logger: createLogger('info', (l) => lines.push(l)) },
    );
  });
  afterAll(() => bff?.stop());

  it('writes one JSON line per request with its id, and never a token or cookie', async () => {
    const token = stack().tokens.alice;
    const first = await fetch(`${bff.origin}/api/session`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const sealed = cookie.split('=')[1] ?? '';
    expect(sealed.length).toBeGreaterThan(20);
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    lines.length = 0;
    const requests: [string, RequestInit][] = [
      ['/api/me?namespace=demo', { headers: { Authorization: `Bearer ${token}` } }],
      [
        `/api/me?token=${token}`,
        { headers: { Cookie: cookie, 'X-Request-Id': 'trace-0123456789' } },
      ],
      [
        '/api/session',
        {
          method: 'POST',
          headers: {
            Cookie: cookie,
            'X-CSRF-Token': csrfToken,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ token }),
        },
      ],
      ['/api/me', { headers: { Authorization: `Bearer ${token}x` } }],
      ['/healthz', {}],
    ];
    for (const [path, init] of requests) await (await fetch(`${bff.origin}${path}`, init)).text();
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const reqs = logged.filter((l) => l.msg === 'request');
    // healthz is a probe: debug only.
    expect(reqs.map((l) => [l.method, l.route, l.status])).toEqual([
      ['GET', '/api/me', 200],
      ['GET', '/api/me', 200],
      ['POST', '/api/session', 200],
      ['GET', '/api/me', 401],
    ]);
    for (const l of reqs) {
      expect(l.level).toBe('info');
      expect(l.reqId).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(typeof l.ms).toBe('number');
      expect(typeof l.time).toBe('string');
    }
    expect(reqs[1]?.reqId).toBe('trace-0123456789');
    expect(reqs[1]?.path).toBe('/api/me');
    const all = lines.join('\n');
    for (const secret of [token, sealed, csrfToken, csrfToken.slice(0, 12)]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/authorization|bearer|cookie/i);
  });
});
