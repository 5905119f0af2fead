import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../fixtures/stack.ts';
import { startBenchStack } from './stack.ts';

/**
 * The VM Disks list at 10,000 disks in the browser, measured like vm-list.bench.ts measures the
 * VM list: time to the first rendered rows, long tasks during first render and during a scripted
 * scroll through every row, and the most table rows in the DOM at once. Starts its own API-only
 * stack (no controllers), seeds the disks (with a status: phase, capacity, storage class, an
 * attached VM on every third) straight into the sandbox API, measures with Debian Chromium, and
 * stops the stack. Exits non-zero only on a crash, not on a missed goal.
 *
 *   cd e2e && node --import tsx bench/disk-list.bench.ts
 */

const DISKS = Number(process.env.BENCH_DISKS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 18108);
const NS = 'demo';
/** BENCH_PROFILE=1: also print the functions with the most self time during the scroll. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const CONCURRENCY = 32;
const DISKS_PATH = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualdisks`;
const PHASES = ['Ready', 'Ready', 'Ready', 'WaitForFirstConsumer', 'Provisioning', 'Pending'];

function disk(i: number) {
  const name = `bench-disk-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualDisk',
    metadata: { name, labels: { tier: i % 2 ? 'data' : 'root' } },
    spec: {
      persistentVolumeClaim: {
        size: `${1 + (i % 20)}Gi`,
        storageClassName: i % 5 ? 'sandbox-shared' : 'local-path-wffc',
      },
    },
  };
}

function diskStatus(i: number) {
  const phase = PHASES[i % PHASES.length] ?? 'Ready';
  return {
    status: {
      phase,
      ...(phase === 'Ready' ? { capacity: `${1 + (i % 20)}Gi` } : {}),
      storageClassName: i % 5 ? 'sandbox-shared' : 'local-path-wffc',
      ...(i % 3 === 0
        ? { attachedToVirtualMachines: [{ name: `bench-vm-${i}`, mounted: true }] }
        : {}),
    },
  };
}

/** The sandbox API as its admin (the kubeconfig's user), any method, with the cluster CA. */
function sandboxClient(dataDir: string) {
  const text = readFileSync(resolve(dataDir, 'sandbox', 'kubeconfig'), 'utf8');
  const server = /server:\s*(\S+)/.exec(text)?.[1];
  const ca = /certificate-authority-data:\s*(\S+)/.exec(text)?.[1];
  const token = /token:\s*(\S+)/.exec(text)?.[1];
  if (!server || !ca || !token) throw new Error('unreadable sandbox kubeconfig');
  const caPem = Buffer.from(ca, 'base64').toString('utf8');
  return (method: string, path: string, body: unknown, contentType = 'application/json') =>
    new Promise<number>((ok, fail) => {
      const data = JSON.stringify(body);
      const req = request(
        `${server}${path}`,
        {
          method,
          ca: caPem,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': contentType,
            'Content-Length': Buffer.byteLength(data),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode ?? 0));
        },
      );
      req.on('error', fail);
      req.end(data);
    });
}

async function seed(dataDir: string): Promise<void> {
  const send = sandboxClient(dataDir);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < DISKS) {
      const i = next++;
      const created = await send('POST', DISKS_PATH, disk(i));
      if (created >= 300 && created !== 409) failed += 1;
      const name = disk(i).metadata.name;
      const patched = await send(
        'PATCH',
        `${DISKS_PATH}/${name}/status`,
        diskStatus(i),
        'application/merge-patch+json',
      );
      if (patched >= 300) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failed > 0) throw new Error(`${failed} disk writes failed`);
}

/** Installed before the console loads: records long tasks and when the first rows appear. */
function probe() {
  const w = window as unknown as { __longTasks: number[]; __firstRows: number | null };
  w.__longTasks = [];
  w.__firstRows = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    if (document.querySelector('tbody tr[data-index]')) {
      w.__firstRows = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Scrolls the virtual table to the end (pages load on the way), counting DOM rows per frame. */
const SCROLL_SCRIPT = `(async () => {
  const el = document.querySelector('.vt-scroll');
  if (!el) throw new Error('no table scroller');
  const total = Number(el.querySelector('table').getAttribute('aria-rowcount')) - 1;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let maxRows = 0;
  let lastIndex = 0;
  const deadline = performance.now() + 120000;
  while (performance.now() < deadline) {
    el.scrollTop += 900;
    await frame();
    maxRows = Math.max(maxRows, el.querySelectorAll('tbody tr').length);
    const rows = el.querySelectorAll('tbody tr[data-index]');
    const last = rows[rows.length - 1];
    lastIndex = Math.max(lastIndex, Number(last ? last.dataset.index : 0));
    if (lastIndex >= total - 1) break;
  }
  await frame();
  return { maxRows, lastIndex, total, tasks: window.__longTasks.slice() };
})()`;

interface Result {
  firstRowsMs: number;
  firstLongTasks: number[];
  scrollLongTasks: number[];
  maxDomRows: number;
  rowsScrolled: number;
  total: number;
}

async function measure(baseUrl: string): Promise<Result> {
  const browser = await chromium.launch({ ...CHROMIUM, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const url = `${baseUrl}/projects/${NS}/disks?lang=en`;
    // Warm the BFF's cache and the HTTP cache once, as a returning user would have.
    await page.goto(url);
    await page.waitForSelector('tbody tr[data-index]', { timeout: 120_000 });
    await page.addInitScript(probe);
    await page.goto(url);
    await page.waitForSelector('tbody tr[data-index]', { timeout: 60_000 });
    // Let first-render tasks finish before reading them (a settle time, not a wait for an event).
    await page.waitForTimeout(1000);
    const first = await page.evaluate<{ firstRowsMs: number; tasks: number[] }>(
      '(() => { const tasks = window.__longTasks.slice(); window.__longTasks.length = 0; return { firstRowsMs: window.__firstRows, tasks }; })()',
    );
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const scroll = await page.evaluate<{
      maxRows: number;
      lastIndex: number;
      total: number;
      tasks: number[];
    }>(SCROLL_SCRIPT);
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    return {
      firstRowsMs: first.firstRowsMs,
      firstLongTasks: first.tasks,
      scrollLongTasks: scroll.tasks,
      maxDomRows: scroll.maxRows,
      rowsScrolled: scroll.lastIndex + 1,
      total: scroll.total,
    };
  } finally {
    await browser.close();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f
      ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`
      : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.log('\nself time during the scroll (ms):');
  for (const [k, ms] of top) console.log(`${ms.toFixed(0).padStart(7)}  ${k}`);
}

function report(r: Result): void {
  const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const rows: [string, string, string, boolean][] = [
    [
      'first rows after navigation',
      '< 1000 ms',
      `${r.firstRowsMs.toFixed(0)} ms`,
      r.firstRowsMs < 1000,
    ],
    [
      'long tasks, first render',
      'none > 50 ms',
      `${r.firstLongTasks.length} (max ${maxOf(r.firstLongTasks).toFixed(0)} ms)`,
      r.firstLongTasks.length === 0,
    ],
    [
      `long tasks, scroll through ${r.rowsScrolled}/${r.total} rows`,
      'none > 50 ms',
      `${r.scrollLongTasks.length} (max ${maxOf(r.scrollLongTasks).toFixed(0)} ms)`,
      r.scrollLongTasks.length === 0,
    ],
    ['max table rows in the DOM', '< 150', String(r.maxDomRows), r.maxDomRows < 150],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  console.log(`\nVM Disks list, ${r.total} disks`);
  console.log(`${'metric'.padEnd(w)}  ${'goal'.padEnd(13)}  measured`);
  for (const [m, goal, got, ok] of rows)
    console.log(`${m.padEnd(w)}  ${goal.padEnd(13)}  ${got}${ok ? '' : '   ✗ missed'}`);
}

const stack = await startBenchStack(PORT);
try {
  const t0 = performance.now();
  await seed(stack.dataDir);
  console.log(
    `seeded ${DISKS} disks in ${NS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  report(await measure(stack.baseUrl));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await stack.stop();
}
