import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { killQemusUnder } from '@dvp/hypervisor-agent/testing/harness';
import { listenBff, type RunningBff } from '../src/listen.ts';
import { tokenIdentity } from '../src/auth/identity.ts';
import { createContext, sandboxAccounts, SANDBOX_CONSOLE_CONTEXT } from '../src/bootstrap.ts';
import type { AppContext } from '../src/context.ts';
import { startEmbeddedSandbox, type EmbeddedSandbox } from '../src/embedded.ts';
import { loadEnv } from '../src/env.ts';
import { Cluster } from '../src/k8s/cluster.ts';

/**
 * Acceptance 8 (console): websocket throughput through the BFF's console proxy vs a direct
 * websocket to the upstream, as the same user. Goal: BFF ≥ 0.8× direct. Two measurements:
 *
 * 1. VNC of a real guest (sandbox with controllers, QEMU): an RFB client that keeps asking for
 *    full, non-incremental framebuffer updates (raw encoding), direct to the API server's
 *    `…/vnc` subresource vs through the BFF's `/api/v1/…/vnc`. Real end to end, but QEMU's
 *    update rate may cap both paths below what the proxy can carry.
 * 2. Proxy capacity: a bench-only websocket upstream that streams 256 KiB binary frames as fast
 *    as the reader takes them, served at the subresource's path; a second BFF instance whose
 *    cluster (kubeconfig) is that upstream runs the very same code path (upgrade checks,
 *    connectUpstream, WsProxy). Direct vs through the BFF.
 *
 * Readers run in a child process (as a browser would be), so the BFF's event loop is its own.
 * Alternating rounds (direct, BFF, direct, BFF); medians. Cleans up its sandbox, guests and files.
 *
 *   cd apps/bff && node --import tsx bench/console.bench.ts
 */

interface ClientJob {
  url: string;
  headers: Record<string, string>;
  ca?: string;
  protocols: string[];
  mode: 'vnc' | 'sink';
  warmupMs: number;
  ms: number;
}
interface ClientResult {
  bytes: number;
  seconds: number;
  frames: number;
}

const ROUND_MS = 4000;
const WARMUP_MS = 800;
const ROUNDS = 3;

/** Counts bytes received during `ms` after `warmupMs`; `vnc` drives an RFB session. */
async function runClient(job: ClientJob): Promise<ClientResult> {
  const ws = new WebSocket(job.url, job.protocols, {
    headers: job.headers,
    ...(job.ca ? { ca: job.ca } : {}),
    perMessageDeflate: false,
  });
  let counting = false;
  let bytes = 0;
  let frames = 0;
  const rfb = job.mode === 'vnc' ? new RfbStream(ws, () => counting && frames++) : undefined;
  // Listening before 'open' resolves: the first frame can arrive with the 101 response.
  ws.on('message', (d: RawData) => {
    const b = d as Buffer;
    if (counting) bytes += b.length;
    rfb?.push(b);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  await rfb?.ready;
  await new Promise((r) => setTimeout(r, job.warmupMs));
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, job.ms));
  counting = false;
  const seconds = (performance.now() - started) / 1000;
  ws.terminate();
  return { bytes, seconds, frames };
}

/**
 * A minimal RFB 3.8 client (no auth, raw encoding) that keeps 3 full-screen update requests in
 * flight and skips pixel data without copying it.
 */
class RfbStream {
  private pending = Buffer.alloc(0);
  private skip = 0;
  private step:
    'version' | 'security' | 'types' | 'result' | 'init' | 'name' | 'msg' | 'fbu' | 'rect' =
    'version';
  private need = 12;
  private rects = 0;
  private bpp = 4;
  private request = Buffer.alloc(10);
  private onReady: () => void = () => undefined;
  readonly ready = new Promise<void>((r) => (this.onReady = r));

  constructor(
    private readonly ws: WebSocket,
    private readonly onFrame: () => void,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
        if (this.skip === 0) this.rectDone();
        continue;
      }
      const n = Math.min(this.need - this.pending.length, chunk.length - at);
      this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + n)]);
      at += n;
      if (this.pending.length < this.need) return;
      const h = this.pending;
      this.pending = Buffer.alloc(0);
      this.handle(h);
    }
  }

  private handle(h: Buffer): void {
    const send = (b: Buffer) => this.ws.send(b, { binary: true });
    switch (this.step) {
      case 'version':
        send(Buffer.from('RFB 003.008\n'));
        [this.step, this.need] = ['security', 1];
        return;
      case 'security':
        [this.step, this.need] = ['types', h.readUInt8(0)];
        return;
      case 'types':
        if (!h.includes(1)) throw new Error('no "None" security type');
        send(Buffer.from([1]));
        [this.step, this.need] = ['result', 4];
        return;
      case 'result':
        if (h.readUInt32BE(0) !== 0) throw new Error('RFB security failed');
        send(Buffer.from([1])); // ClientInit: shared
        [this.step, this.need] = ['init', 24];
        return;
      case 'init':
        this.bpp = h.readUInt8(4) / 8;
        this.request.writeUInt8(3, 0); // FramebufferUpdateRequest, non-incremental
        this.request.writeUInt16BE(h.readUInt16BE(0), 6);
        this.request.writeUInt16BE(h.readUInt16BE(2), 8);
        [this.step, this.need] = ['name', h.readUInt32BE(20)];
        if (this.need === 0) this.started();
        return;
      case 'name':
        this.started();
        return;
      case 'msg':
        if (h.readUInt8(0) === 2) return; // Bell
        if (h.readUInt8(0) !== 0) throw new Error(`unexpected RFB message ${h.readUInt8(0)}`);
        [this.step, this.need] = ['fbu', 3];
        return;
      case 'fbu':
        this.rects = h.readUInt16BE(1);
        [this.step, this.need] = ['rect', 12];
        if (this.rects === 0) this.frameDone();
        return;
      case 'rect': {
        const enc = h.readInt32BE(8);
        if (enc === 0) this.skip = h.readUInt16BE(4) * h.readUInt16BE(6) * this.bpp;
        else if (enc !== -223) throw new Error(`unexpected encoding ${enc}`);
        if (this.skip === 0) this.rectDone();
        return;
      }
    }
  }

  private started(): void {
    [this.step, this.need] = ['msg', 1];
    for (let i = 0; i < 3; i++) this.ws.send(this.request, { binary: true });
    this.onReady();
  }

  private rectDone(): void {
    if (--this.rects <= 0) this.frameDone();
  }

  private frameDone(): void {
    this.onFrame();
    [this.step, this.need] = ['msg', 1];
    this.ws.send(this.request, { binary: true });
  }
}

type Job = Omit<ClientJob, 'warmupMs' | 'ms'>;

function measure(job: Job): Promise<ClientResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--client'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const stuck = setTimeout(() => child.kill('SIGKILL'), WARMUP_MS + ROUND_MS + 20_000);
    child.once('message', (r: ClientResult) => resolve(r));
    child.once('exit', (code, signal) => {
      clearTimeout(stuck);
      if (code !== 0) reject(new Error(`bench client failed (${signal ?? code})`));
    });
    child.send({ ...job, warmupMs: WARMUP_MS, ms: ROUND_MS } satisfies ClientJob);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mbps = (r: ClientResult) => r.bytes / r.seconds / 1024 / 1024;

interface Comparison {
  direct: ClientResult[];
  bff: ClientResult[];
  vnc: boolean;
}

async function compare(direct: Job, viaBff: Job): Promise<Comparison> {
  const c: Comparison = { direct: [], bff: [], vnc: direct.mode === 'vnc' };
  for (let i = 0; i < ROUNDS; i++) {
    c.direct.push(await measure(direct));
    c.bff.push(await measure(viaBff));
  }
  return c;
}

function report(c: Comparison, goal: boolean): void {
  const [dm, bm] = [median(c.direct.map(mbps)), median(c.bff.map(mbps))];
  const fps = (rs: ClientResult[]) =>
    c.vnc ? `, ${median(rs.map((r) => r.frames / r.seconds)).toFixed(1)} frames/s` : '';
  console.log(`   direct to the upstream: ${dm.toFixed(1)} MiB/s${fps(c.direct)}`);
  console.log(`   through the BFF:        ${bm.toFixed(1)} MiB/s${fps(c.bff)}`);
  const verdict = goal ? ` (goal ≥ 0.8×: ${bm / dm >= 0.8 ? 'met' : 'NOT met'})` : '';
  console.log(`   ratio BFF/direct: ${(bm / dm).toFixed(2)}×${verdict}`);
}

interface Bff extends RunningBff {
  url: string;
}

async function startBff(
  root: string,
  cluster: Cluster,
  ctxOpts: Parameters<typeof createContext>[2],
): Promise<Bff> {
  const env = loadEnv({ DATA_DIR: root, LOG_LEVEL: 'silent', PORT: '0' });
  const ctx = createContext(env, cluster, { ...ctxOpts, defaultMetrics: false });
  const bff = await listenBff(ctx, '127.0.0.1', 0);
  return { ...bff, url: bff.origin.replace(/^http/, 'ws') };
}

async function stopBff(b: Bff | undefined): Promise<void> {
  if (!b) return;
  await b.stop();
  b.ctx.cluster.close();
}

const SUB =
  '/apis/subresources.virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines';
const DVP = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo';

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'dvp-bench-console-'));
  let sink: ChildProcess | undefined;
  let synthetic: Bff | undefined;
  let sandbox: EmbeddedSandbox | undefined;
  let real: Bff | undefined;
  try {
    console.log(
      `console proxy throughput, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s per path (medians), ${availableParallelism()} CPU cores`,
    );
    // 2 first, with nothing else running. The upstream gets its own process, so the BFF's
    // event loop is only the BFF's.
    sink = fork(fileURLToPath(import.meta.url), ['--sink'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve) => sink?.once('message', resolve));
    const sinkUrl = `http://127.0.0.1:${port}`;
    const kubeconfig = join(root, 'sink.kubeconfig');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1
kind: Config
clusters: [{name: sink, cluster: {server: "${sinkUrl}", insecure-skip-tls-verify: true}}]
users: [{name: bench, user: {token: bench-token}}]
contexts: [{name: sink, context: {cluster: sink, user: bench}}]
current-context: sink
`,
    );
    synthetic = await startBff(join(root, 'bff-sink'), Cluster.fromKubeconfig(kubeconfig), {});
    const sinkAuth = { Authorization: 'Bearer bench-token' };
    const capacity = await compare(
      {
        url: `${sinkUrl.replace(/^http/, 'ws')}${SUB}/bench-vm/console`,
        headers: sinkAuth,
        protocols: ['plain.kubevirt.io'],
        mode: 'sink',
      },
      {
        url: `${synthetic.url}/api/v1/namespaces/demo/virtualmachines/bench-vm/console`,
        headers: sinkAuth,
        protocols: ['plain.kubevirt.io'],
        mode: 'sink',
      },
    );
    sink.kill();
    await stopBff(synthetic);
    synthetic = undefined;

    sandbox = await startEmbeddedSandbox({
      dataDir: join(root, 'sandbox'),
      listen: '127.0.0.1:0',
      gatewayListen: '127.0.0.1:0',
      nodes: 1,
      runtimeRoot: join(root, 'run'),
      log: () => {},
    });
    const cluster = Cluster.fromKubeconfig(sandbox.kubeconfig, SANDBOX_CONSOLE_CONTEXT);
    const accounts = sandboxAccounts(cluster, sandbox.users);
    real = await startBff(join(root, 'bff'), cluster, { sandbox: accounts });
    const token = accounts.users.find((u) => u.username === 'admin')?.token ?? '';
    const auth = { Authorization: `Bearer ${token}` };
    await runGuest(real.ctx, token, sandbox.gatewayUrl);
    const ca = (await cluster.requestOptions(tokenIdentity(token))).ca;
    const vnc = await compare(
      {
        url: `${sandbox.url.replace(/^https/, 'wss')}${SUB}/bench-vm/vnc`,
        headers: auth,
        ...(ca ? { ca: String(ca) } : {}),
        protocols: ['plain.kubevirt.io'],
        mode: 'vnc',
      },
      {
        url: `${real.url}/api/v1/namespaces/demo/virtualmachines/bench-vm/vnc`,
        headers: auth,
        protocols: ['binary'],
        mode: 'vnc',
      },
    );

    console.log(
      "1. VNC of a real guest through the API server (the goal's measure): an RFB client keeps 3",
    );
    console.log(
      '   full-screen raw updates in flight; QEMU → API server (wss) → [BFF (ws)] → reader.',
    );
    report(vnc, true);
    console.log(
      '2. proxy capacity (informational): a bench-only upstream streams 256 KiB binary frames as',
    );
    console.log(
      '   fast as they are read, through the same BFF code path (upgrade checks, connectUpstream,',
    );
    console.log(
      '   WsProxy). CPU-bound: direct = 2 busy processes, via the BFF = 3 (the relay copies every',
    );
    console.log(
      '   byte in and out of the kernel), so on few cores this ratio says "cores", not "BFF".',
    );
    report(capacity, false);
  } finally {
    sink?.kill();
    await stopBff(synthetic);
    await stopBff(real);
    await sandbox?.stop();
    killQemusUnder(root);
    rmSync(root, { recursive: true, force: true });
  }
}

/** A VM from the catalogue image (1 core, 256Mi), Running, with its VNC answering. */
async function runGuest(ctx: AppContext, token: string, gatewayUrl: string): Promise<void> {
  const me = tokenIdentity(token);
  const post = (path: string, body: unknown) =>
    ctx.rest.request(me, { method: 'POST', path: `${DVP}/${path}`, body });
  const v = 'virtualization.deckhouse.io/v1alpha2';
  await post('virtualimages', {
    apiVersion: v,
    kind: 'VirtualImage',
    metadata: { name: 'bench' },
    spec: {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${gatewayUrl}/catalogue/demo.qcow2` } },
    },
  });
  await post('virtualdisks', {
    apiVersion: v,
    kind: 'VirtualDisk',
    metadata: { name: 'bench-root' },
    spec: { dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'bench' } } },
  });
  await post('virtualmachines', {
    apiVersion: v,
    kind: 'VirtualMachine',
    metadata: { name: 'bench-vm' },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'AlwaysOn',
      cpu: { cores: 1, coreFraction: '100%' },
      memory: { size: '256Mi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'bench-root' }],
    },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const vm = await ctx.rest.request<{ status?: { phase?: string } }>(me, {
      path: `${DVP}/virtualmachines/bench-vm`,
    });
    if (vm.status?.phase === 'Running') return;
    if (Date.now() > deadline) throw new Error('the bench VM did not start in 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The bench-only upstream: every websocket gets 256 KiB binary frames as fast as it reads. */
async function startSink(): Promise<{ server: Server; wss: WebSocketServer }> {
  const frame = Buffer.alloc(256 * 1024, 7);
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    server,
    perMessageDeflate: false,
    handleProtocols: (p) => (p.has('plain.kubevirt.io') ? 'plain.kubevirt.io' : false),
  });
  wss.on('connection', (ws) => {
    let inFlight = 0;
    ws.on('error', () => undefined);
    // Four frames in flight; the next goes when the socket took one: the reader sets the pace.
    const pump = () => {
      while (ws.readyState === ws.OPEN && inFlight < 4) {
        inFlight++;
        ws.send(frame, { binary: true }, (err) => {
          inFlight--;
          if (!err) pump();
        });
      }
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, wss };
}

if (process.argv[2] === '--sink') {
  const { server } = await startSink();
  process.send?.((server.address() as AddressInfo).port);
} else if (process.argv[2] === '--client') {
  process.once('message', (job: ClientJob) => {
    runClient(job).then(
      (r) => process.send?.(r, () => process.exit(0)),
      (e: unknown) => {
        console.error(`bench client: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  });
} else {
  await main();
}
