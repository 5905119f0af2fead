/**
 * API server benchmark: create throughput, LIST of 10,000 VMs (JSON and Table), and delivery of
 * 1,000 changes to 100 concurrent watchers. Runs an in-process sandbox with its real durable
 * store in a temporary directory; clients talk HTTPS over loopback.
 *
 *   pnpm --filter @dvp/sandbox bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../src/sandbox.ts';

const VM_COUNT = Number(process.env.BENCH_VMS ?? 10_000);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 100);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000);
const CONCURRENCY = 32;
const NS = 'bench';
const VMS = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualmachines`;

function call(
  sb: Sandbox,
  agent: Agent,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return new Promise<{ status: number; bytes: number; text: string }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${sb.url}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${sb.tokens.admin ?? ''}`,
          Accept: 'application/json',
          ...(data ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: buf.length, text: buf.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const vm = (i: number) => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: {
    name: `vm-${String(i).padStart(5, '0')}`,
    labels: { bench: 'true', shard: String(i % 10) },
  },
  spec: {
    virtualMachineClassName: 'generic',
    cpu: { cores: 1, coreFraction: '10%' },
    memory: { size: '1Gi' },
    blockDeviceRefs: [{ kind: 'VirtualDisk', name: `vm-${i}-root` }],
    provisioning: { type: 'UserData', userData: '#cloud-config\nusers:\n- name: cloud\n' },
  },
});

async function pool<T>(n: number, work: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

const fmt = (n: number, d = 1) => n.toFixed(d);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvp-bench-'));
  const sb = await startSandbox({ dataDir, listen: '127.0.0.1:0', gatewayListen: '127.0.0.1:0' });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: sb.caCert });
  const rows: [string, string][] = [];
  try {
    await call(sb, agent, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS },
    });

    // 1. Create throughput (durable: each 201 is fsynced).
    const t0 = performance.now();
    const latencies: number[] = [];
    await pool(VM_COUNT, async (i) => {
      const s = performance.now();
      const r = await call(sb, agent, 'POST', VMS, vm(i));
      if (r.status !== 201) throw new Error(`create ${i}: ${r.status} ${r.text}`);
      latencies.push(performance.now() - s);
    });
    const createSec = (performance.now() - t0) / 1000;
    rows.push([
      'create VM (32 concurrent, fsync per batch)',
      `${fmt(VM_COUNT / createSec, 0)} creates/s; p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms`,
    ]);

    // 2. LIST of all VMs, JSON and Table.
    for (const [label, accept] of [
      ['JSON', 'application/json'],
      ['Table', 'application/json;as=Table;v=v1;g=meta.k8s.io'],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        const r = await call(sb, agent, 'GET', VMS, undefined, { Accept: accept });
        times.push(performance.now() - s);
        bytes = r.bytes;
      }
      rows.push([
        `LIST ${VM_COUNT} VMs (${label})`,
        `median ${fmt(percentile(times, 50), 0)} ms, ${fmt(bytes / 1024 / 1024, 1)} MiB`,
      ]);
    }
    const page = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await call(sb, agent, 'GET', `${VMS}?limit=500&labelSelector=shard%3D3`);
      page.push(performance.now() - s);
    }
    rows.push(['LIST with labelSelector + limit=500', `median ${fmt(percentile(page, 50), 0)} ms`]);

    // 3. Watch fan-out: CHANGES patches delivered to WATCHERS watchers.
    const { received, latency, done } = await startWatchers(sb);
    const w0 = performance.now();
    await pool(CHANGES, async (i) => {
      const r = await call(
        sb,
        agent,
        'PATCH',
        `${VMS}/vm-${String(i % VM_COUNT).padStart(5, '0')}`,
        { metadata: { annotations: { 'bench-ts': String(Date.now()) } } },
        { 'Content-Type': 'application/merge-patch+json' },
      );
      if (r.status !== 200) throw new Error(`patch ${i}: ${r.status}`);
    });
    await done;
    const wSec = (performance.now() - w0) / 1000;
    rows.push([
      `watch: ${CHANGES} changes → ${WATCHERS} watchers`,
      `${received()} events in ${fmt(wSec, 2)} s (${fmt(received() / wSec, 0)} events/s); delivery p50 ${fmt(percentile(latency, 50), 0)} ms, p99 ${fmt(percentile(latency, 99), 0)} ms`,
    ]);
  } finally {
    agent.destroy();
    await sb.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log('\nsandbox API server (2-core machine, HTTPS on loopback)');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

/** Opens the watchers; `done` resolves when each has seen every change. */
async function startWatchers(sb: Sandbox) {
  let total = 0;
  const latency: number[] = [];
  const finished: Promise<void>[] = [];
  const opened: Promise<void>[] = [];
  const watchAgent = new Agent({ keepAlive: false, maxSockets: WATCHERS + 1, ca: sb.caCert });
  const list = await call(sb, watchAgent, 'GET', `${VMS}?limit=1`);
  const rv = (JSON.parse(list.text) as { metadata: { resourceVersion: string } }).metadata
    .resourceVersion;
  for (let w = 0; w < WATCHERS; w++) {
    let seen = 0;
    finished.push(
      new Promise<void>((resolve, reject) => {
        opened.push(
          new Promise<void>((ready) => {
            const req = request(
              `${sb.url}${VMS}?watch=true&resourceVersion=${rv}`,
              {
                agent: watchAgent,
                headers: { Authorization: `Bearer ${sb.tokens.admin ?? ''}` },
              },
              (res) => {
                ready();
                let buf = '';
                res.setEncoding('utf8');
                res.on('data', (c: string) => {
                  buf += c;
                  let nl: number;
                  while ((nl = buf.indexOf('\n')) >= 0) {
                    const line = buf.slice(0, nl);
                    buf = buf.slice(nl + 1);
                    const m = /"bench-ts":"(\d+)"/.exec(line);
                    if (!m) continue;
                    seen++;
                    total++;
                    if (w % 10 === 0) latency.push(Date.now() - Number(m[1]));
                    if (seen === CHANGES) {
                      req.destroy();
                      resolve();
                    }
                  }
                });
              },
            );
            req.on('error', (e) => {
              if (seen < CHANGES) reject(e);
            });
            req.end();
          }),
        );
      }),
    );
  }
  await Promise.all(opened);
  return {
    received: () => total,
    latency,
    done: Promise.all(finished).then(() => watchAgent.destroy()),
  };
}

await main();
