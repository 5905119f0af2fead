import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ListPage, VmRow } from '@dvp/api';
import { tokenIdentity } from '../src/auth/identity.ts';
import { startLocalStack } from '../test/stack.ts';

/**
 * Acceptance 8 (list): the first page of a 10,000-VM project through the BFF vs a raw LIST of
 * that namespace from the API server, as the same user, both warm. Goal: BFF ≤ 0.1× raw.
 * Starts its own API-only sandbox and BFF; removes both (and its temp dir) at the end.
 *
 *   cd apps/bff && node --import tsx bench/list.bench.ts
 */

const VMS = 10_000;
const NS = 'bench';
const CONCURRENCY = 32;
const RUNS = 15;
const WARMUPS = 5;
const USER = 'admin';

const root = mkdtempSync(join(tmpdir(), 'dvp-bench-list-'));
const stack = await startLocalStack({ root });
const { ctx } = stack.bff;
const bff = stack.bff.origin;
const token = stack.token(USER);
const me = tokenIdentity(token);
const vmsPath = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualmachines`;

async function cleanup() {
  agent.destroy();
  await stack.stop();
  rmSync(root, { recursive: true, force: true });
}

function vm(i: number) {
  const name = `vm-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name, labels: { app: i % 2 ? 'web' : 'db', shard: String(i % 16) } },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'Manual',
      cpu: { cores: 1 + (i % 4), coreFraction: '10%' },
      memory: { size: `${256 * (1 + (i % 4))}Mi` },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${name}-root` }],
    },
  };
}

async function seed() {
  await ctx.rest.request(me, {
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
  });
  let next = 0;
  const worker = async () => {
    while (next < VMS) {
      const i = next++;
      await ctx.rest.request(me, { method: 'POST', path: vmsPath, body: vm(i) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Milliseconds of each of `RUNS` calls of `f` (after `WARMUPS` calls that are not counted). */
async function timeRuns(f: () => Promise<number>): Promise<{ ms: number[]; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < WARMUPS; i++) bytes = await f();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = await f();
    ms.push(performance.now() - t);
  }
  return { ms, bytes };
}

// Both sides use node's own HTTP client with keep-alive, so neither pays a different client's cost.
const agent = new Agent({ keepAlive: true });

async function bffFirstPage(): Promise<number> {
  const { status, text } = await new Promise<{ status: number; text: string }>(
    (resolve, reject) => {
      const req = httpGet(
        `${bff}/api/v1/namespaces/${NS}/virtualmachines?limit=50&sort=name`,
        { agent, headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    },
  );
  // The browser parses the page; the raw side below is not even parsed.
  const page = JSON.parse(text) as ListPage<VmRow>;
  if (status !== 200 || page.items.length !== 50 || page.total !== VMS)
    throw new Error(`unexpected BFF answer ${status}: ${text.slice(0, 200)}`);
  return text.length;
}

/** The raw LIST as the API server sends it: every byte received (not even parsed). */
async function rawList(): Promise<number> {
  const res = await ctx.rest.open(me, { path: vmsPath });
  let bytes = 0;
  for await (const chunk of res) bytes += (chunk as Buffer).length;
  if (res.statusCode !== 200) throw new Error(`raw LIST answered ${res.statusCode}`);
  return bytes;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const fmt = (n: number) => n.toFixed(1).padStart(9);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`.padStart(11);

try {
  const t0 = performance.now();
  await seed();
  const seeded = (performance.now() - t0) / 1000;
  console.log(
    `seeded ${VMS} VMs in namespace ${NS} in ${seeded.toFixed(1)} s (${CONCURRENCY} parallel POSTs)`,
  );
  const t1 = performance.now();
  await bffFirstPage(); // starts and syncs the BFF's VM cache
  console.log(`BFF cache synced in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  const page = await timeRuns(bffFirstPage);
  const raw = await timeRuns(rawList);
  const ratio = median(page.ms) / median(raw.ms);
  console.log(
    `\nfirst page (limit 50, sort=name) vs raw LIST, ${VMS} VMs, as ${USER}, ${RUNS} warm runs`,
  );
  console.log('                          median ms    min ms    max ms       body');
  for (const [label, r] of [
    ['BFF first page', page],
    ['raw LIST (API server)', raw],
  ] as const) {
    console.log(
      `${label.padEnd(24)}${fmt(median(r.ms))} ${fmt(Math.min(...r.ms))} ${fmt(Math.max(...r.ms))} ${kib(r.bytes)}`,
    );
  }
  // A missed goal is reported, not fatal: `pnpm bench` goes on to the other benchmarks.
  console.log(
    `\nratio BFF / raw = ${ratio.toFixed(3)}×  (goal ≤ 0.1×: ${ratio <= 0.1 ? 'met' : 'NOT met'})`,
  );
} finally {
  await cleanup();
}
