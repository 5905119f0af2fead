import type { CDPSession } from '@playwright/test';
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
 * The VM list at 10,000 VMs in the browser: time to the first rendered rows, long tasks during
 * first render and during a scripted scroll through every row, and the most table rows in the
 * DOM at once (and, for information, the frame intervals while scrolling). Starts its own
 * API-only stack (no guests), seeds the VMs straight into the sandbox API, measures with Debian
 * Chromium, and stops the stack. Exits non-zero only on a crash, not on a missed goal.
 *
 *   cd e2e && node --import tsx bench/vm-list.bench.ts
 *   cd e2e && BENCH_TRACE=1 node --import tsx bench/vm-list.bench.ts   # long tasks' CPU time
 */

const VMS = Number(process.env.BENCH_VMS ?? 10_000);
const PORT = Number(process.env.BENCH_PORT ?? 18104);
const NS = 'demo';
/** BENCH_PROFILE=1: also print the functions with the most self time during the scroll. */
const PROFILE = process.env.BENCH_PROFILE === '1';
/**
 * BENCH_TRACE=1: also trace the scroll and print each long task's main-thread CPU time next to
 * its wall time (a task that ran 60 ms but used 20 ms of CPU waited for a busy machine).
 */
const TRACE = process.env.BENCH_TRACE === '1';
const CONCURRENCY = 32;
const VMS_PATH = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualmachines`;

function vm(i: number) {
  const name = `bench-${String(i).padStart(5, '0')}`;
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

async function seed(dataDir: string): Promise<void> {
  const admin = sandboxAdmin(dataDir);
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < VMS) {
      const status = await admin.post(VMS_PATH, vm(next++));
      if (status >= 300 && status !== 409) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failed > 0) throw new Error(`${failed} VM creations failed`);
}

/**
 * Scrolls the table to the end of all rows (pages load on the way), counting the table rows in
 * the DOM after every frame. A string: tsx's helpers do not exist inside the page.
 */
const SCROLL_SCRIPT = `(async () => {
  const el = document.querySelector('.vm-table-scroll');
  if (!el) throw new Error('no table scroller');
  const total = Number(document.querySelector('table').getAttribute('aria-rowcount')) - 1;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let maxRows = 0;
  let lastIndex = 0;
  const frames = [];
  const t0 = performance.now();
  let prev = t0;
  const deadline = t0 + 120000;
  while (performance.now() < deadline) {
    el.scrollTop += 900;
    await frame();
    const now = performance.now();
    frames.push(now - prev);
    prev = now;
    maxRows = Math.max(maxRows, el.querySelectorAll('tbody tr').length);
    const rows = el.querySelectorAll('tbody tr[data-index]');
    const last = rows[rows.length - 1];
    lastIndex = Math.max(lastIndex, Number(last ? last.dataset.index : 0));
    if (lastIndex >= total - 1) break;
  }
  await frame();
  frames.sort((a, b) => a - b);
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
  const frameMs = { p50: at(0.5), p95: at(0.95), max: frames[frames.length - 1] };
  // Only tasks that started while scrolling (not the profiler's or tracer's start-up).
  const tasks = window.__longTasks.filter(([s]) => s >= t0).map(([, d]) => d);
  return { maxRows, lastIndex, total, frameMs, tasks };
})()`;

interface Result extends ListResult {
  frameMs: { p50: number; p95: number; max: number };
}

async function measure(baseUrl: string): Promise<Result> {
  return withBrowser(async (browser) => {
    const { page, first } = await openWarm(browser, `${baseUrl}/projects/${NS}/vms?lang=en`);
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const tracing = TRACE ? await startTrace(await page.context().newCDPSession(page)) : null;
    const scroll = await page.evaluate<{
      maxRows: number;
      lastIndex: number;
      total: number;
      frameMs: Result['frameMs'];
      tasks: number[];
    }>(SCROLL_SCRIPT);
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    if (tracing) printLongTaskCpu(await tracing());
    return {
      firstRowsMs: first.firstRowsMs,
      firstLongTasks: first.tasks,
      scrollLongTasks: scroll.tasks,
      maxDomRows: scroll.maxRows,
      rowsScrolled: scroll.lastIndex + 1,
      total: scroll.total,
      frameMs: scroll.frameMs,
    };
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Starts a devtools timeline trace; the returned function stops it and yields the events. */
async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) =>
    events.push(...(e.value as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/**
 * The renderer main thread's top-level trace events (tasks, frames) over 50 ms: wall time and
 * thread CPU time.
 */
function printLongTaskCpu(events: TraceEvent[]): void {
  // The page's main thread: of the renderer main threads, the busiest.
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const on = (m: TraceEvent) =>
    events.filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid);
  const onMain = mains
    .map(on)
    .reduce<TraceEvent[]>((a, b) => (b.length > a.length ? b : a), [])
    .sort((a, b) => a.ts - b.ts);
  const tops: TraceEvent[] = [];
  let end = -1;
  for (const e of onMain) {
    if (e.ts < end) continue; // inside the previous top-level event
    tops.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const long = tops.filter((e) => (e.dur ?? 0) > 50_000);
  const ms = (us: number | undefined) => `${((us ?? 0) / 1000).toFixed(0)} ms`;
  const last = tops[tops.length - 1];
  if (last) {
    // How much of the scroll the main thread worked, and its largest task: the headroom left.
    const span = last.ts + (last.dur ?? 0) - (tops[0]?.ts ?? 0);
    const cpu = tops.reduce((a, e) => a + (e.tdur ?? 0), 0);
    const maxCpu = Math.max(...tops.map((e) => e.tdur ?? 0));
    console.log(
      `\nmain thread during the scroll: ${ms(cpu)} CPU in ${ms(span)} (${((100 * cpu) / span).toFixed(0)}%), largest task ${ms(maxCpu)} CPU`,
    );
  }
  console.log(`long tasks during the scroll (wall / main-thread CPU): ${long.length}`);
  for (const t of long) console.log(`  ${ms(t.dur).padStart(7)} / ${ms(t.tdur)}  ${t.name}`);
}

function report(r: Result): void {
  printReport([
    ...listRows(r),
    [
      'frame interval while scrolling',
      '(info)',
      `p50 ${r.frameMs.p50.toFixed(1)} ms, p95 ${r.frameMs.p95.toFixed(1)} ms, max ${r.frameMs.max.toFixed(0)} ms`,
      true,
    ],
  ]);
}

const stack = await startBenchStack(PORT);
try {
  const t0 = performance.now();
  await seed(stack.dataDir);
  console.log(`seeded ${VMS} VMs in ${NS} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  report(await measure(stack.baseUrl));
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await stack.stop();
}
