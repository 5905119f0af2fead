import {
  listRows,
  openWarm,
  printProfile,
  printReport,
  withBrowser,
  type ListResult,
} from './list-bench.ts';
import { sandboxAdmin, startBenchStack } from './stack.ts';

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

async function seed(dataDir: string): Promise<void> {
  const { send } = sandboxAdmin(dataDir);
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
  return { maxRows, lastIndex, total, tasks: window.__longTasks.map(([, d]) => d) };
})()`;

async function measure(baseUrl: string): Promise<ListResult> {
  return withBrowser(async (browser) => {
    const { page, first } = await openWarm(browser, `${baseUrl}/projects/${NS}/disks?lang=en`);
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
  });
}

const stack = await startBenchStack(PORT);
try {
  const t0 = performance.now();
  await seed(stack.dataDir);
  console.log(
    `seeded ${DISKS} disks in ${NS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const r = await measure(stack.baseUrl);
  printReport(listRows(r), `VM Disks list, ${r.total} disks`);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await stack.stop();
}
