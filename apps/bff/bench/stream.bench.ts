import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STREAM_PATH, type StreamMessage } from '@dvp/api';
import { tokenIdentity } from '../src/auth/identity.ts';
import type { InformerEvent } from '../src/k8s/informer.ts';
import { startLocalStack } from '../test/stack.ts';

/**
 * Acceptance 8 (stream): event fan-out latency to 500 browser streams. 500 SSE streams (half
 * admin, half bob, the demo project's viewer) follow `virtualmachines/demo`; the bench patches a
 * VM 20 times, one write at a time, and measures for every stream the time from the API server's
 * answer to the write (ack) to the event's arrival on that stream. The streams are read in a
 * child process, as browsers would be, so the BFF's event loop is its own. Times are wall-clock
 * (performance.timeOrigin + now) in both processes. Starts its own API-only sandbox and BFF;
 * removes both (and its temp dir) at the end.
 *
 *   cd apps/bff && node --import tsx bench/stream.bench.ts
 */

const STREAMS = 500;
const WRITES = 20;
const WARMUPS = 3;
const NS = 'demo';
const VM = 'bench-fanout';
const TOPIC = `virtualmachines/${NS}`;

const now = () => performance.timeOrigin + performance.now();

interface ClientJob {
  url: string;
  tokens: string[];
  streams: number;
}
type ChildMessage =
  | { type: 'ready'; ms: number }
  | { type: 'arrived'; mark: string; times: number[] }
  | { type: 'error'; message: string };

/** The child: opens the streams and reports, per write mark, when each stream got it. */
async function runClients(job: ClientJob): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const started = now();
  const arrivals = new Map<string, number[]>();
  let subscribed = 0;
  const open = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(job.url, {
        agent: false,
        headers: { Authorization: `Bearer ${job.tokens[i % job.tokens.length] ?? ''}` },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`stream ${i}: HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          const at = now();
          buf += chunk;
          let end: number;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const line = block.split('\n').find((l) => l.startsWith('data: '));
            if (!line) continue;
            const m = JSON.parse(line.slice(6)) as StreamMessage;
            if (m.type === 'RESYNC' && m.reason === 'subscribed') {
              subscribed += 1;
              if (subscribed === job.streams) send({ type: 'ready', ms: now() - started });
              resolve();
            } else if (m.type === 'MODIFIED') {
              const mark = m.object.metadata.labels?.bench ?? '';
              const times = arrivals.get(mark) ?? [];
              arrivals.set(mark, times);
              times.push(at);
              if (times.length === job.streams) {
                send({ type: 'arrived', mark, times });
                arrivals.delete(mark);
              }
            }
          }
        });
      });
      req.end();
    });
  for (let i = 0; i < job.streams; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, job.streams - i) }, (_, k) => open(i + k)));
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'dvp-bench-stream-'));
  const stack = await startLocalStack({ root });
  const { ctx } = stack.bff;
  const bff = stack.bff.origin;
  const token = (u: string) => stack.token(u);
  const admin = tokenIdentity(token('admin'));
  const vmPath = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualmachines`;
  let child: ChildProcess | undefined;

  try {
    await ctx.rest.request(admin, {
      method: 'POST',
      path: vmPath,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachine',
        metadata: { name: VM },
        spec: {
          virtualMachineClassName: 'generic',
          cpu: { cores: 1, coreFraction: '10%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${VM}-root` }],
        },
      },
    });

    const job: ClientJob = {
      url: `${bff}${STREAM_PATH}?topics=${encodeURIComponent(TOPIC)}`,
      tokens: [token('admin'), token('bob')],
      streams: STREAMS,
    };
    child = fork(fileURLToPath(import.meta.url), ['--clients', JSON.stringify(job)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const waiters = new Map<string, (times: number[]) => void>();
    let onReady: (ms: number) => void = () => undefined;
    const ready = new Promise<number>((r) => (onReady = r));
    const failed = new Promise<never>((_, reject) => {
      child?.on('exit', (code) => reject(new Error(`the client process exited (${code})`)));
    });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') onReady(m.ms);
      else if (m.type === 'arrived') waiters.get(m.mark)?.(m.times);
      else console.error(m.message);
    });
    const openMs = await Promise.race([ready, failed]);

    // When the BFF's shared watch delivers each write, and when its fan-out to every stream's
    // socket is done (listeners run in order: the stream hub's was registered first).
    const received = new Map<string, number>();
    const fannedOut = new Map<string, number>();
    const markOf = (e: InformerEvent) => e.object.metadata.labels?.bench ?? '';
    ctx.cache.prependListener('event', (_r, e) => received.set(markOf(e), now()));
    ctx.cache.on('event', (_r, e) => fannedOut.set(markOf(e), now()));
    const fromAck: number[] = [];
    const upstream: number[] = [];
    const fanout: number[] = [];
    const fromSend: number[] = [];
    const perWrite: number[] = [];
    const acks: number[] = [];
    for (let i = 0; i < WARMUPS + WRITES; i++) {
      const mark = `w${i}`;
      const arrived = new Promise<number[]>((r) => waiters.set(mark, r));
      const sent = now();
      await ctx.rest.request(admin, {
        method: 'PATCH',
        path: `${vmPath}/${VM}`,
        body: { metadata: { labels: { bench: mark } } },
        contentType: 'application/merge-patch+json',
      });
      const ack = now();
      const times = await Promise.race([arrived, failed]);
      waiters.delete(mark);
      if (i < WARMUPS) continue;
      acks.push(ack - sent);
      for (const t of times) {
        fromAck.push(Math.max(0, t - ack));
        fromSend.push(t - sent);
      }
      perWrite.push(Math.max(...times) - ack);
      upstream.push((received.get(mark) ?? NaN) - ack);
      fanout.push((fannedOut.get(mark) ?? NaN) - (received.get(mark) ?? NaN));
    }
    const watches = ctx.cache.watchCount();

    const row = (name: string, xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const f = (v: number) => v.toFixed(1).padStart(8);
      return `${name.padEnd(34)}${f(quantile(s, 0.5))}${f(quantile(s, 0.95))}${f(s.at(-1) ?? NaN)}`;
    };
    console.log(
      `\nEvent fan-out: ${STREAMS} SSE streams (admin + bob) on ${TOPIC}, ${WRITES} writes ` +
        `(${WARMUPS} warm-up writes not counted); upstream watches held: ${watches}; ` +
        `streams opened and subscribed in ${openMs.toFixed(0)} ms`,
    );
    console.log(`${'ms'.padEnd(34)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`);
    console.log(row(`ack → event, per stream (n=${fromAck.length})`, fromAck));
    console.log(row('ack → event at the last stream', perWrite));
    console.log(row('write sent → event, per stream', fromSend));
    console.log(row('write sent → ack (API server)', acks));
    console.log(row('ack → event in the BFF (watch)', upstream));
    console.log(row(`BFF fan-out to ${STREAMS} sockets`, fanout));
    console.log('(an event can reach a stream before the writer reads the ack: counted as 0)');
  } finally {
    child?.kill();
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--clients') {
  runClients(JSON.parse(process.argv[3] ?? '{}') as ClientJob).catch((e: unknown) => {
    process.send?.({ type: 'error', message: String(e) } satisfies ChildMessage);
    process.exit(1);
  });
} else {
  await main();
}
