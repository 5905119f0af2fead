/**
 * Compute benchmark on real QEMU guests (TCG): VM create-to-Running time through the API (a
 * VirtualMachine on a Ready disk → phase Running, and → guest agent ready), then live migration
 * time and the downtime QEMU reports for an idle guest.
 *
 *   pnpm --filter @dvp/sandbox bench
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf } from '../src/controllers/runtime/client.ts';
import { startSandbox } from '../src/sandbox.ts';
import { testClient, waitFor } from '../test/wait.ts';

const RUNS = Number(process.env.BENCH_COMPUTE_RUNS ?? 3);
const DVP = 'virtualization.deckhouse.io';
const NS = 'demo';
const V = `${DVP}/v1alpha2`;

const phase = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase;
const condTrue = (o: KubeObject, type: string) =>
  (o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some(
    (c) => c.type === type && c.status === 'True',
  ) ?? false;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (xs: number[]) =>
  `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)}, n=${xs.length})`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvp-compute-bench-'));
  const sb = await startSandbox({ dataDir, listen: '127.0.0.1:0', gatewayListen: '127.0.0.1:0' });
  const c = testClient(sb);
  const wait = (kind: string, name: string, pred: (o: KubeObject) => boolean) =>
    waitFor(sb, { group: DVP, kind, name, namespace: NS }, pred, { timeoutMs: 300_000 });
  try {
    await sb.idle();
    await c.create(refOf(DVP, 'VirtualImage'), {
      apiVersion: V,
      kind: 'VirtualImage',
      metadata: { name: 'bench', namespace: NS },
      spec: {
        storage: 'ContainerRegistry',
        dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2` } },
      },
    });
    await wait('VirtualImage', 'bench', (o) => phase(o) === 'Ready');
    const toRunning: number[] = [];
    const toAgent: number[] = [];
    const migration: number[] = [];
    const downtime: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `bench-${i}`;
      await c.create(refOf(DVP, 'VirtualDisk'), {
        apiVersion: V,
        kind: 'VirtualDisk',
        metadata: { name, namespace: NS },
        spec: {
          dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'bench' } },
        },
      });
      await wait('VirtualDisk', name, (o) => phase(o) === 'Ready');
      const t0 = Date.now();
      await c.create(refOf(DVP, 'VirtualMachine'), {
        apiVersion: V,
        kind: 'VirtualMachine',
        metadata: { name, namespace: NS },
        spec: {
          virtualMachineClassName: 'generic',
          cpu: { cores: 1, coreFraction: '20%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualDisk', name }],
        },
      });
      await wait('VirtualMachine', name, (o) => phase(o) === 'Running');
      toRunning.push(Date.now() - t0);
      await wait('VirtualMachine', name, (o) => condTrue(o, 'AgentReady'));
      toAgent.push(Date.now() - t0);
      // Migration of the idle guest; downtime as QEMU measured it.
      let reported = 0;
      const off = sb.nodes.onEvent((_n, e) => {
        if (e.type === 'migration' && e.migration.state === 'completed') {
          reported = e.migration.downtimeMs ?? 0;
        }
      });
      const t1 = Date.now();
      await c.create(refOf(DVP, 'VirtualMachineOperation'), {
        apiVersion: V,
        kind: 'VirtualMachineOperation',
        metadata: { name: `${name}-migrate`, namespace: NS },
        spec: { type: 'Migrate', virtualMachineName: name },
      });
      const op = await wait('VirtualMachineOperation', `${name}-migrate`, (o) =>
        ['Completed', 'Failed'].includes(phase(o) ?? ''),
      );
      off();
      if (phase(op) !== 'Completed')
        throw new Error(`migration failed: ${JSON.stringify(op.status)}`);
      migration.push(Date.now() - t1);
      downtime.push(reported);
      await c.delete(refOf(DVP, 'VirtualMachine'), name, NS);
    }
    const rows: [string, string][] = [
      ['VM create → Running', fmt(toRunning)],
      ['VM create → guest agent ready', fmt(toAgent)],
      ['live migration (Migrate VMOP → Completed)', fmt(migration)],
      [
        'migration downtime (QEMU)',
        `median ${median(downtime)} ms (max ${Math.max(...downtime)} ms)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('\nsandbox compute (1 core, 256 MiB guests, TCG, 2 nodes on one machine)');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  } finally {
    c.close();
    await sb.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
