import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Status } from '@dvp/api';
import { RfbClient } from '@dvp/hypervisor-agent/testing/rfb-client';
import { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import type { SerialMux } from '@dvp/hypervisor-agent/streams/serial';
import { tokenIdentity } from '../src/auth/identity.ts';
import { createMetrics } from '../src/metrics.ts';
import { ProxyCloseCodes, WsProxy } from '../src/k8s/ws-proxy.ts';
import { connectUpstream } from '../src/k8s/ws-upstream.ts';
import { call, eventually, useStack, type SandboxUserName, type Stack } from './harness.ts';

// Acceptance 5: the serial console and VNC of a real guest through the BFF.

const DVP = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo';
const VM = 'con-vm';
const CONSOLE = `/api/v1/namespaces/demo/virtualmachines/${VM}/console`;
const VNC = `/api/v1/namespaces/demo/virtualmachines/${VM}/vnc`;
const IDLE_SECONDS = 3;

interface Refusal {
  statusCode: number;
  body: Status;
}

/** A websocket to the BFF; `auth`: a bearer user, a cookie string, or nothing. */
function openWs(
  stack: Stack,
  path: string,
  opts: {
    user?: SandboxUserName;
    cookie?: string;
    origin?: string;
    protocols?: string[];
  } = {},
): WebSocket {
  const headers: Record<string, string> = { 'User-Agent': 'console-test' };
  if (opts.user) headers.Authorization = `Bearer ${stack.tokens[opts.user]}`;
  if (opts.cookie) headers.Cookie = opts.cookie;
  return new WebSocket(
    `${stack.url.replace(/^http/, 'ws')}${path}`,
    opts.protocols ?? ['plain.kubevirt.io'],
    { headers, ...(opts.origin ? { origin: opts.origin } : {}) },
  );
}

/** Resolves when open; rejects with the HTTP status and Status body of a refused upgrade. */
function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`HTTP ${res.statusCode}`), {
            statusCode: res.statusCode,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Status,
          }),
        ),
      );
    });
    ws.once('error', reject);
  });
}

async function refused(ws: WebSocket): Promise<Refusal> {
  const e = await opened(ws).then(
    () => undefined,
    (err: unknown) => err as Refusal,
  );
  ws.terminate();
  if (!e) throw new Error('the websocket was upgraded');
  return e;
}

function closedWith(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** An expect-style serial console over an opened websocket (binary frames). */
function serialOver(ws: WebSocket): Promise<SerialConsole> {
  const mux = {
    attach: (client: { send(d: Buffer): void; close(c: number, r: string): void }) => {
      ws.on('message', (d: RawData) => client.send(d as Buffer));
      ws.on('close', (code, reason) => client.close(code, reason.toString()));
      return Promise.resolve({
        write: (data: Buffer | string) => ws.send(Buffer.from(data), { binary: true }),
        detach: () => ws.close(),
      });
    },
  } as unknown as SerialMux;
  return SerialConsole.open(mux);
}

async function sessionCookie(stack: Stack): Promise<string> {
  const res = await fetch(`${stack.url}/api/session`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('console and VNC websockets through the BFF (real guest)', () => {
  const stack = useStack({
    controllers: true,
    env: { CONSOLE_IDLE_SECONDS: String(IDLE_SECONDS) },
  });

  beforeAll(async () => {
    const s = stack();
    await s.kube('admin', {
      method: 'POST',
      path: `${DVP}/virtualimages`,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualImage',
        metadata: { name: 'demo' },
        spec: {
          storage: 'ContainerRegistry',
          dataSource: {
            type: 'HTTP',
            http: { url: `${s.sandbox.gatewayUrl}/catalogue/demo.qcow2` },
          },
        },
      },
    });
    await s.kube('admin', {
      method: 'POST',
      path: `${DVP}/virtualdisks`,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualDisk',
        metadata: { name: `${VM}-root` },
        spec: {
          dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'demo' } },
        },
      },
    });
    await s.kube('admin', {
      method: 'POST',
      path: `${DVP}/virtualmachines`,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachine',
        metadata: { name: VM },
        spec: {
          virtualMachineClassName: 'generic',
          runPolicy: 'AlwaysOn',
          cpu: { cores: 1, coreFraction: '20%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${VM}-root` }],
          provisioning: {
            type: 'UserData',
            userData:
              '#cloud-config\nusers:\n  - name: cloud\n    passwd: "$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/"\n    shell: /bin/bash\n    lock_passwd: False\n',
          },
        },
      },
    });
    await eventually(
      async () => {
        const vm = await s.kube<{ status?: { phase?: string } }>('admin', {
          path: `${DVP}/virtualmachines/${VM}`,
        });
        return vm.status?.phase === 'Running';
      },
      150_000,
      'the VM to run',
    );
    // Wait for the guest's getty straight on the API server (not through the BFF, whose idle
    // limit is short in this file).
    const direct = await connectUpstream(
      s.ctx.cluster,
      tokenIdentity(s.tokens.admin),
      `/apis/subresources.virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines/${VM}/console`,
      { protocols: ['plain.kubevirt.io'], userAgent: 'console-test' },
    );
    direct.resume();
    const serial = await serialOver(direct);
    serial.write('\r');
    await serial.expect(/login: $/m, 150_000);
    const done = closedWith(direct);
    direct.close();
    await done;
  }, 300_000);

  const probe = async (user: SandboxUserName, path = CONSOLE) =>
    (await call(stack(), user, 'GET', `${path}?probe=true`)).body;

  it('carries serial bytes both ways, and the probe names the holder while it is open', async () => {
    const s = stack();
    const ws = openWs(s, CONSOLE, { user: 'dave' });
    await opened(ws);
    expect(ws.protocol).toBe('plain.kubevirt.io');
    const c = await serialOver(ws);
    await c.login('cloud', 'cloud', 10_000);
    expect(await c.run('echo $((6*7))')).toBe('42');
    // A text frame (xterm.js's attach addon sends keystrokes as text) reaches the guest too.
    ws.send('echo text-$((2+3))\r');
    await c.expect('text-5\r\n', 10_000);
    await expect
      .poll(() => probe('dave'), { timeout: 10_000 })
      .toMatchObject({ holder: 'dave', client: expect.stringContaining('dvp-console') as string });
    const metrics = await s.ctx.metrics.registry.getSingleMetricAsString('dvp_bff_proxy_sessions');
    expect(metrics).toMatch(/dvp_bff_proxy_sessions\{kind="console"\} 1/);
    const closed = closedWith(ws);
    c.write('exit\r');
    ws.close(1000, 'done');
    expect((await closed).code).toBe(1000);
    await expect.poll(() => probe('dave'), { timeout: 10_000 }).toEqual({});
    const bytes = await s.ctx.metrics.registry.getSingleMetricAsString('dvp_bff_proxy_bytes_total');
    expect(bytes).toMatch(/kind="console",direction="up"\} [1-9]/);
    expect(bytes).toMatch(/kind="console",direction="down"\} [1-9]/);
  }, 60_000);

  it('accepts a cookie session from our own origin and closes it after the idle limit', async () => {
    const s = stack();
    const cookie = await sessionCookie(s);
    const ws = openWs(s, CONSOLE, { cookie, origin: s.origin });
    await opened(ws);
    const c = await serialOver(ws);
    c.write('\r');
    await c.expect(/login: $/m, 10_000);
    const started = Date.now();
    const { code, reason } = await closedWith(ws);
    expect(code).toBe(ProxyCloseCodes.idle);
    expect(reason).toContain(`${IDLE_SECONDS} s without activity`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 100);
  }, 30_000);

  it('refuses a foreign Origin, a missing Origin with a cookie, and no session, before upgrading', async () => {
    const s = stack();
    const cookie = await sessionCookie(s);
    for (const ws of [
      openWs(s, CONSOLE, { cookie, origin: 'https://evil.example' }),
      openWs(s, CONSOLE, { user: 'dave', origin: 'https://evil.example' }),
      openWs(s, CONSOLE, { cookie }),
    ]) {
      const r = await refused(ws);
      expect(r.statusCode).toBe(403);
      expect(r.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    }
    // No cookie at all (embedded mode would sign a page load in; a websocket is not one).
    for (const ws of [openWs(s, CONSOLE, { origin: s.origin }), openWs(s, VNC)]) {
      const r = await refused(ws);
      expect(r.statusCode).toBe(401);
      expect(r.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
    }
    const bad = new WebSocket(`${s.url.replace(/^http/, 'ws')}${CONSOLE}`, {
      headers: { Authorization: 'Basic abc' },
    });
    expect((await refused(bad)).statusCode).toBe(401);
    const proto = await refused(openWs(s, CONSOLE, { user: 'dave', protocols: ['chat'] }));
    expect(proto.statusCode).toBe(400);
  });

  it("passes the cluster's refusals through: bob's 403, a missing VM's 404", async () => {
    const s = stack();
    for (const path of [CONSOLE, VNC]) {
      const r = await refused(openWs(s, path, { user: 'bob' }));
      expect(r.statusCode).toBe(403);
      expect(r.body.reason).toBe('Forbidden');
      expect(r.body.message).toContain(
        `User "bob" cannot get resource "virtualmachines/${path.endsWith('vnc') ? 'vnc' : 'console'}"`,
      );
    }
    const missing = await refused(
      openWs(s, '/api/v1/namespaces/demo/virtualmachines/no-such-vm/console', { user: 'dave' }),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.body.reason).toBe('NotFound');
    // A VM that is not running (never started: no guest).
    await s.kube('admin', {
      method: 'POST',
      path: `${DVP}/virtualmachines`,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachine',
        metadata: { name: 'idle-vm' },
        spec: {
          virtualMachineClassName: 'generic',
          runPolicy: 'Manual',
          cpu: { cores: 1, coreFraction: '20%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${VM}-root` }],
        },
      },
    });
    const stopped = await refused(
      openWs(s, '/api/v1/namespaces/demo/virtualmachines/idle-vm/console', { user: 'dave' }),
    );
    expect(stopped.statusCode).toBe(400);
    expect(stopped.body.message).toBe('VirtualMachine is not Running or Migrating');
    const probeBob = await call<Status>(s, 'bob', 'GET', `${CONSOLE}?probe=true`);
    expect(probeBob.status).toBe(403);
    expect(probeBob.body.message).toContain('User "bob" cannot get resource');
    const noProbe = await call<Status>(s, 'dave', 'GET', CONSOLE);
    expect(noProbe.status).toBe(400);
  });

  it('carries VNC (noVNC\'s "binary" subprotocol): RFB handshake and a framebuffer update', async () => {
    const s = stack();
    const rfb = new RfbClient('', {}, openWs(s, VNC, { user: 'dave', protocols: ['binary'] }));
    const screen = await rfb.handshake();
    expect(rfb.ws.protocol).toBe('binary');
    expect(screen.version).toMatch(/^RFB 003\.00\d$/);
    expect(screen.width).toBeGreaterThan(0);
    await expect
      .poll(() => probe('dave', VNC), { timeout: 10_000 })
      .toMatchObject({ holder: 'dave' });
    // Another user takes the session over: the cluster's close code reaches the first browser.
    const second = new RfbClient('', {}, openWs(s, VNC, { user: 'alice', protocols: ['binary'] }));
    await second.handshake();
    expect(await rfb.waitClosed()).toMatchObject({
      code: 4001,
      reason: expect.stringContaining('taken over by alice') as string,
    });
    second.close();
    await expect.poll(() => probe('dave', VNC), { timeout: 10_000 }).toEqual({});
  }, 60_000);

  it('ends every session when the BFF closes (1012 Service Restart), last in this file', async () => {
    const s = stack();
    const ws = openWs(s, CONSOLE, { user: 'dave' });
    await opened(ws);
    const closed = closedWith(ws);
    s.app.close();
    expect((await closed).code).toBe(ProxyCloseCodes.shutdown);
    const metric = await s.ctx.metrics.registry.getSingleMetricAsString('dvp_bff_proxy_sessions');
    expect(metric).toMatch(/kind="console"\} 0/);
    const after = await refused(openWs(s, CONSOLE, { user: 'dave' }));
    expect(after.statusCode).toBe(503);
  });
});

describe('the proxy between two websockets (local peers)', () => {
  let server: Server;
  let url = '';
  const upstreams: WebSocket[] = [];
  const wss = new WebSocketServer({ noServer: true });
  const metrics = createMetrics({ watchCount: () => 0, defaults: false });
  const cleanup: (() => void)[] = [];

  beforeAll(async () => {
    // A browser-facing server that bridges each connection to a fresh local "cluster" peer.
    const cluster = new WebSocketServer({ port: 0 });
    await new Promise((r) => cluster.once('listening', r));
    cluster.on('connection', (ws) => upstreams.push(ws));
    const clusterUrl = `ws://127.0.0.1:${(cluster.address() as AddressInfo).port}`;
    server = createServer();
    server.on('upgrade', (req, socket, head) => {
      const up = new WebSocket(clusterUrl);
      up.once('open', () =>
        wss.handleUpgrade(req, socket, head, (browser) => {
          const maxMs = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('max'));
          new WsProxy(browser, up, { kind: 'console', idleMs: 60_000, maxMs, metrics });
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cleanup.push(() => cluster.close());
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    for (const f of cleanup) f();
  });

  const connect = async (max = 60_000) => {
    const n = upstreams.length;
    const ws = new WebSocket(`${url}/?max=${max}`);
    await opened(ws);
    const up = await eventually(() => upstreams[n]);
    return { ws, up };
  };

  it('closes at the maximum lifetime with its own code', async () => {
    const { ws } = await connect(500);
    const { code, reason } = await closedWith(ws);
    expect(code).toBe(ProxyCloseCodes.maxLifetime);
    expect(reason).toContain('maximum length');
  });

  it("maps the cluster's close codes: 1001 passes, a dropped connection is 4102", async () => {
    const a = await connect();
    const closedA = closedWith(a.ws);
    a.up.close(1001, 'VM shut down');
    expect(await closedA).toEqual({ code: 1001, reason: 'VM shut down' });
    const b = await connect();
    const closedB = closedWith(b.ws);
    b.up.terminate();
    expect((await closedB).code).toBe(ProxyCloseCodes.upstreamLost);
    const c = await connect();
    const upClosed = closedWith(c.up);
    c.ws.close(1000, 'bye');
    expect((await upClosed).code).toBe(1000);
  });

  it('carries 64 MiB without losing or reordering bytes, with backpressure', async () => {
    const { ws, up } = await connect();
    const total = 64 * 1024 * 1024;
    const chunk = 256 * 1024;
    let received = 0;
    let expectedByte = 0;
    let ordered = true;
    const got = new Promise<void>((resolve) =>
      ws.on('message', (d: Buffer) => {
        if (d[0] !== expectedByte) ordered = false;
        expectedByte = (expectedByte + 1) % 256;
        received += d.length;
        if (received >= total) resolve();
      }),
    );
    // The sender waits for its own socket only: the proxy must not lose what it cannot pass on.
    for (let i = 0; i < total / chunk; i++) {
      await new Promise((r) => up.send(Buffer.alloc(chunk, i % 256), r));
    }
    await got;
    expect(received).toBe(total);
    expect(ordered).toBe(true);
    ws.close();
  });
});
