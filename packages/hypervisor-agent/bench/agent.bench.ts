/**
 * Hypervisor agent benchmark on real QEMU (TCG): boot-to-login-prompt time, live migration time
 * and downtime of an idle guest, host memory per idle guest.
 *
 *   pnpm --filter @dvp/hypervisor-agent bench        (BENCH_RUNS=3 by default)
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { HypervisorAgent } from '../src/agent.ts';
import { ensureGuestImages, type GuestImages } from '../src/testing/guest-images.ts';
import { TestArea } from '../src/testing/harness.ts';
import { SerialConsole } from '../src/testing/serial-console.ts';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : Number.NaN;
}

/** Starts a guest and waits for the getty login prompt on serial; returns seconds. */
async function bootToPrompt(
  agent: HypervisorAgent,
  area: TestArea,
  images: GuestImages,
  id: string,
) {
  const spec = await area.demoSpec(images, id);
  const t0 = performance.now();
  await agent.start(spec);
  const c = await SerialConsole.open(agent.require(id).serial);
  await c.expect(/login: $/m, 120_000);
  c.detach();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const images = await ensureGuestImages();
  const area = new TestArea('/tmp', 'dvp-bench-');
  const rows: [string, string][] = [];
  try {
    const a = area.agent('node-a');
    const b = area.agent('node-b');

    const boots: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      boots.push(await bootToPrompt(a, area, images, `boot${i}`));
      if (i < RUNS - 1) await a.kill(`boot${i}`);
    }
    rows.push([
      'boot to login prompt (128 MiB, TCG)',
      `${median(boots).toFixed(2)} s median [${boots.map((x) => x.toFixed(2)).join(', ')}]`,
    ]);

    // Memory of the last booted guest after it settled.
    const idle = a.require(`boot${RUNS - 1}`);
    await delay(5000);
    rows.push(['host RSS per idle guest (128 MiB RAM)', `${rssMiB(idle.pid).toFixed(0)} MiB`]);
    await a.kill(idle.id);

    const spec = await area.demoSpec(images, 'mig');
    await a.start(spec);
    const c = await SerialConsole.open(a.require('mig').serial);
    await c.expect(/login: $/m, 120_000);
    c.detach();
    const wall: number[] = [];
    const total: number[] = [];
    const downtime: number[] = [];
    let [from, to] = [a, b];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const { uri } = await to.prepareIncoming(spec, { migrationId: `bench-${i}` });
      const m = await from.migrate('mig', { migrationId: `bench-${i}`, uri }).done;
      if (m.state !== 'completed') throw new Error(`migration ${i} ${m.state}: ${m.reason ?? ''}`);
      wall.push(performance.now() - t0);
      total.push(m.totalTimeMs ?? Number.NaN);
      downtime.push(m.downtimeMs ?? Number.NaN);
      // Wait until the destination runs the guest before migrating it back.
      while (to.get('mig')?.phase !== 'running') await delay(50);
      [from, to] = [to, from];
    }
    rows.push([
      'idle migration, agent wall time (incl. destination start)',
      `${median(wall).toFixed(0)} ms median [${wall.map((x) => x.toFixed(0)).join(', ')}]`,
    ]);
    rows.push(['idle migration, QEMU total time', `${median(total).toFixed(0)} ms median`]);
    rows.push([
      'idle migration, downtime',
      `${median(downtime).toFixed(0)} ms median [${downtime.join(', ')}]`,
    ]);
  } finally {
    await area.cleanup();
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`${'metric'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(30)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

await main();
