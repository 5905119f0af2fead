import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ClusterResourceSchema,
  CONSOLE_PATH,
  endpoints,
  GenericResourceSchema,
  isStatus,
  STREAM_PATH,
  UPLOAD_PATH,
  VM_ACTIONS,
  VNC_PATH,
} from '@dvp/api';
import { useStack, type Stack } from './harness.ts';

/**
 * Acceptance 7: a few thousand malformed and oversize requests, generated from a seeded PRNG,
 * against every endpoint of the contract and some unknown paths. Every answer is a 4xx with a
 * Status body (or a 2xx where the request happened to be valid), never a 5xx, and the process
 * keeps serving. Reproduce a failure with FUZZ_SEED=<seed printed below>; FUZZ_COUNT=<n> runs more.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_0007);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);
const WORKERS = 6;
const BODY_LIMIT = 64 * 1024;

/** mulberry32: small, fast, good enough to spread cases; same seed → same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
type Rng = ReturnType<typeof prng>;

interface Case {
  n: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The body is JSON-typed and over the limit on an API path: must be 413. */
  expect413?: boolean;
  /** Bytes Node's HTTP parser refuses in the request target: must be 400 (still a Status). */
  invalidHttp?: boolean;
  upgrade?: boolean;
}

const GOOD_NAMES = ['demo', 'default', 'web-1', 'x', 'kube-system', 'generic'];
const BAD_SEGMENTS = [
  '%00',
  'a%00b',
  '%2F',
  'a%2Fb',
  '..',
  '%2e%2e',
  '.',
  '%2E',
  'a'.repeat(254),
  'b'.repeat(4000),
  '%C3%28',
  '%E0%A4%A',
  '%',
  '%ZZ',
  '%0D%0A',
  '%0A',
  'a%20b',
  'UPPER',
  '-x',
  'x-',
  '%C3%A9t%C3%A9',
  '\u00e9\u00ff',
  'a;b',
  '*',
  '%7B%7D',
  '__proto__',
  'constructor',
  '$(id)',
  '%3Cscript%3E',
  '%25',
  '%5C..%5C',
];
const RESOURCES = [...GenericResourceSchema.options, ...ClusterResourceSchema.options];

function segment(r: Rng, param: string): string {
  if (r.chance(0.45)) return r.pick(BAD_SEGMENTS);
  if (param === 'resource')
    return r.chance(0.8)
      ? r.pick(RESOURCES)
      : r.pick(['pods', 'secrets', 'virtualmachines', 'VirtualDisks']);
  if (param === 'action')
    return r.chance(0.8) ? r.pick(VM_ACTIONS) : r.pick(['reboot', 'START', '']);
  if (param === 'id' || param === 'streamId')
    return r.pick(['abcdefgh', 'A'.repeat(64), '0123456789', 'x']);
  return r.pick(GOOD_NAMES);
}

const QUERY_PARTS = [
  'limit=-1',
  'limit=abc',
  'limit=0',
  'limit=501',
  'limit=1e3',
  'limit=1.5',
  'limit=10',
  'limit=',
  'limit=1&limit=2',
  'sort=../x',
  'sort=-name',
  'sort=bogus',
  'sort=%00',
  'sort=name,age',
  'labelSelector=a%20in%20(',
  'labelSelector=!!',
  'labelSelector==b',
  'labelSelector=a==b==c',
  `labelSelector=${'x'.repeat(5000)}`,
  'labelSelector=app%3Dweb',
  'labelSelector=%ZZ',
  'continue=abc',
  'continue=eyJ4IjoxfQ',
  `continue=${'c'.repeat(300)}`,
  'continue=',
  'phase=Running,%00',
  'node=%FF',
  `q=${'q'.repeat(300)}`,
  'q=web',
  'dryRun=All',
  'dryRun=true',
  'dryRun=All&dryRun=All',
  'namespace=demo',
  'namespace=',
  'namespace[]=x',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'probe=true',
  'probe',
  'a[b][c][d][e][f]=1',
  '%=%',
  '&&&',
];

function query(r: Rng): string {
  if (r.chance(0.4)) return '';
  const parts = Array.from({ length: 1 + r.int(3) }, () => r.pick(QUERY_PARTS));
  return `?${parts.join('&')}`;
}

const JSON_TYPES = [
  'application/json',
  'application/merge-patch+json',
  'application/json; charset=utf-8',
];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/yaml',
  'application/offset+octet-stream',
  'application/octet-stream',
  '*/*',
  'garbage',
  '',
];

function deep(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function body(r: Rng, apiPath: boolean): Pick<Case, 'body' | 'headers' | 'expect413'> {
  const kind = r.int(12);
  const json = r.pick(JSON_TYPES);
  const text = (s: string | Buffer, type = json) => ({
    body: Buffer.isBuffer(s) ? s : Buffer.from(s),
    headers: type ? { 'Content-Type': type } : ({} as Record<string, string>),
  });
  switch (kind) {
    case 0:
      return text(
        r.pick(['{', '{"a":}', 'nul', '\u0000', '{"a":1,}', "{'a':1}", '', ' ', 'undefined']),
      );
    case 1:
      return text(r.pick(['[]', '1', '"s"', 'null', 'true', '[1,2]']));
    case 2:
      return text(deep(r.pick([65, 1000, 20_000])));
    case 3: {
      const size = BODY_LIMIT + 1 + r.int(3 * BODY_LIMIT);
      const t = text(`{"metadata":{"name":"x","annotations":{"a":"${'x'.repeat(size)}"}}}`);
      return { ...t, expect413: apiPath };
    }
    case 4:
      // Invalid UTF-8 inside a JSON string, and a UTF-8 BOM.
      return text(
        Buffer.concat([
          Buffer.from('{"metadata":{"name":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          Buffer.from('"}}'),
        ]),
      );
    case 5:
      return text(
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from('{"metadata":{"name":"bom"}}'),
        ]),
      );
    case 6:
      return text(
        r.pick(['a=1&b=2', '---\nmetadata: {name: y}\n', '\u00ff\u00fe']),
        r.pick(OTHER_TYPES),
      );
    case 7: {
      const t = text(Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5]));
      return {
        ...t,
        headers: {
          ...t.headers,
          'Content-Encoding': r.pick(['gzip', 'deflate', 'br', 'zstd', 'x-bogus']),
        },
      };
    }
    case 8: {
      const t = text(gzipSync('{"metadata":{"name":"zipped","resourceVersion":"1"}}'));
      return { ...t, headers: { ...t.headers, 'Content-Encoding': 'gzip' } };
    }
    case 9:
      return text(
        r.pick<string>([
          ...[
            { metadata: { name: 'fz', resourceVersion: '1' }, spec: { a: 1 } },
            { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fz' } },
            { metadata: { name: 'A'.repeat(300) } },
            { metadata: { generateName: 'fz-' }, spec: null },
            { metadata: {} },
            { token: r.pick(['', 'x', 'not-a-token']) },
            { user: r.pick(['bob', 'nobody', '']) },
            { topics: ['vms:demo', '', 'x'.repeat(600)] },
            { resource: 'virtualimages', name: 'nope', size: -1 },
            { resource: 'virtualimages', namespace: 'demo', name: 'nope', size: 10 },
            { force: 'yes', targetNodeName: 5 },
          ].map((v: unknown) => JSON.stringify(v)),
          // Prototype pollution attempts (as text: an object literal would not keep the key).
          '{"__proto__":{"polluted":true},"metadata":{"name":"p","resourceVersion":"1"}}',
          '{"constructor":{"prototype":{"polluted":true}},"metadata":{"name":"c"}}',
        ]),
      );
    case 10:
      return text(Buffer.alloc(r.pick([10, 70_000, 200_000]), 0x41), r.pick(OTHER_TYPES));
    default:
      return { headers: {} };
  }
}

function auth(r: Rng, stack: Stack): Record<string, string> {
  switch (r.int(10)) {
    case 0:
      return { Authorization: `Bearer ${stack.tokens.admin}` };
    case 1:
      return { Authorization: `Bearer ${r.pick([stack.tokens.bob, stack.tokens.mallory])}` };
    case 2:
      return {
        Authorization: r.pick([
          'Bearer',
          'Bearer ',
          'Basic YTpi',
          'bearer  x',
          'Bearer a b',
          'Token x',
          `Bearer ${'t'.repeat(8000)}`,
          'Bearer \u00ff\u00fe',
        ]),
      };
    case 3:
      return {
        Cookie: r.pick([
          'dvp_session=garbage',
          'dvp_session=',
          `dvp_session=${'A'.repeat(3000)}`,
          'dvp_session=%ZZ',
          '=;;=',
          'dvp_session=a; dvp_session=b',
          '\u00ff=\u00ff',
        ]),
      };
    case 4:
      return {
        Cookie: 'dvp_session=x',
        'X-CSRF-Token': r.pick(['', 'x', 'y'.repeat(2000)]),
        Origin: r.pick(['null', 'https://evil.example', '%%']),
      };
    case 5:
      return { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' };
    default:
      // No credentials: embedded mode signs a newcomer in (cookie, so writes need CSRF).
      return {};
  }
}

const EXTRA_PATHS = [
  STREAM_PATH,
  `${STREAM_PATH}/x`,
  CONSOLE_PATH,
  VNC_PATH,
  UPLOAD_PATH,
  '/api/v1/uploads',
  '/api/v2/x',
  '/api/v1/',
  '/api/v1/namespaces',
  '/api/v1/namespaces/demo',
  '/api/v1/cluster',
  '/api/%',
  '/api/v1/namespaces/demo/virtualmachines/x/y/z/w',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/../../package.json',
  '/metrics/x',
  '/healthz',
  '/readyz',
  '/',
  '/index.html',
  '/assets/x-12345678.js',
  '/api',
  '/api/',
  '//api//me',
  '/API/me',
  '/api/me/',
  '/api/session/x',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

function generate(r: Rng, stack: Stack, n: number): Case {
  const all = Object.values(endpoints);
  const fromContract = r.chance(0.8);
  const e = r.pick(all);
  const template = fromContract ? e.path : r.pick(EXTRA_PATHS);
  const path = template.replace(/:([A-Za-z]+)/g, (_m, p: string) => segment(r, p)) + query(r);
  const method = fromContract && r.chance(0.75) ? e.method : r.pick(METHODS);
  const withBody = method !== 'GET' && method !== 'HEAD' ? r.chance(0.9) : r.chance(0.1);
  const b = withBody ? body(r, path.startsWith('/api')) : { headers: {} };
  const headers: Record<string, string> = { ...auth(r, stack), ...b.headers };
  if (r.chance(0.15))
    headers['X-Request-Id'] = r.pick(['short', 'x'.repeat(100), '../../etc', 'ok-1234567890']);
  if (r.chance(0.1)) headers.Accept = r.pick(['text/html', 'application/yaml', '*/*', '']);
  if (r.chance(0.1)) headers['Upload-Offset'] = r.pick(['-1', 'abc', '0', '99999999999999999999']);
  // Websocket upgrades are GETs; a POST one is the malformed variant (HEAD is left out: see report).
  const upgrade = method !== 'HEAD' && r.chance(0.04);
  if (upgrade)
    Object.assign(headers, {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
  return {
    n,
    method,
    path,
    headers,
    ...(b.body ? { body: b.body } : {}),
    ...(b.expect413 &&
    ['application/json', 'application/merge-patch+json'].includes(
      (b.headers['Content-Type'] ?? '').split(';')[0] ?? '',
    )
      ? { expect413: true }
      : {}),
    ...(upgrade ? { upgrade } : {}),
    ...(/[^\x21-\x7e]/.test(path) ? { invalidHttp: true } : {}),
  };
}

interface Outcome {
  status: number;
  type: string;
  text: string;
}

function send(port: number, agent: Agent, c: Case): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: c.method,
        path: c.path,
        agent: c.upgrade ? false : agent,
        headers: { ...c.headers, ...(c.body ? { 'Content-Length': String(c.body.length) } : {}) },
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        if (type.startsWith('text/event-stream')) {
          // A valid stream subscription stays open: its 200 is the answer.
          res.destroy();
          resolve({ status: res.statusCode ?? 0, type, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, type: '', text: '' });
    });
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
    req.on('error', reject);
    req.end(c.body);
  });
}

/** Why the outcome is wrong, or undefined when it is fine. */
function judge(c: Case, o: Outcome): string | undefined {
  if (o.status >= 500) return `server error ${o.status}`;
  if (c.upgrade)
    return o.status === 101 || (o.status >= 400 && o.status < 500)
      ? undefined
      : `upgrade answered ${o.status}`;
  if (o.status < 200 || (o.status >= 300 && o.status < 400)) return `unexpected ${o.status}`;
  if (c.invalidHttp && o.status !== 400)
    return `expected 400 for an unparseable request, got ${o.status}`;
  if (c.expect413 && !c.invalidHttp && o.status !== 413)
    return `expected 413 for an oversize JSON body, got ${o.status}`;
  if (o.status < 400 || c.method === 'HEAD') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(o.text);
  } catch {
    return `a ${o.status} whose body is not JSON: ${o.text.slice(0, 100)}`;
  }
  if (!isStatus(parsed)) return `a ${o.status} whose body is not a Status`;
  if (parsed.code !== o.status) return `Status code ${parsed.code} on HTTP ${o.status}`;
  return undefined;
}

const describeCase = (c: Case) =>
  `#${c.n} ${c.method} ${c.path.slice(0, 160)} headers=${JSON.stringify(
    Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, v.slice(0, 40)])),
  )} body=${c.body ? `${c.body.length}B ${c.body.subarray(0, 60).toString('latin1')}` : '-'}`;

describe('fuzz: malformed and oversize requests (acceptance 7)', () => {
  const stack = useStack({ env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) } });
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  afterAll(() => agent.destroy());

  it(`answers ${COUNT} generated requests with 4xx Status or 2xx, never 5xx (seed ${SEED})`, async () => {
    console.info(`fuzz seed ${SEED} (reproduce with FUZZ_SEED=${SEED})`);
    const s = stack();
    const port = Number(new URL(s.origin).port);
    const r = prng(SEED);
    const cases = Array.from({ length: COUNT }, (_, n) => generate(r, s, n));
    const failures: string[] = [];
    const codes = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < cases.length) {
          const c = cases[next++] as Case;
          let o: Outcome;
          try {
            o = await send(port, agent, c);
          } catch (e) {
            failures.push(`${describeCase(c)} → ${(e as Error).message}`);
            continue;
          }
          codes.set(o.status, (codes.get(o.status) ?? 0) + 1);
          const why = judge(c, o);
          if (why) failures.push(`${describeCase(c)} → ${why}: ${o.text.slice(0, 300)}`);
        }
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `fuzz: ${COUNT} requests in ${seconds} s; answers ${JSON.stringify(Object.fromEntries([...codes].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} bad answers`).toEqual([]);
    // A spread of answers, so the generator is not stuck on one kind of rejection.
    for (const code of [200, 400, 401, 403, 404, 413, 422])
      expect(codes.get(code) ?? 0, String(code)).toBeGreaterThan(0);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    const me = await fetch(`${s.url}/api/me`, {
      headers: { Authorization: `Bearer ${s.tokens.admin}` },
    });
    expect(me.status).toBe(200);
  });
});
