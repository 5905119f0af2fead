import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from '../fixtures/stack.ts';

/**
 * What the list benches (vm-list, disk-list) share: the in-page probe, opening the list warm,
 * the CPU profile summary and the goals table. Each bench keeps its own scroll script.
 */

/** Installed before the console loads: records long tasks and when the first rows appear. */
export function probe() {
  const w = window as unknown as {
    /** [start, duration] of each long task, ms. */
    __longTasks: [number, number][];
    __firstRows: number | null;
  };
  w.__longTasks = [];
  w.__firstRows = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    if (document.querySelector('tbody tr[data-index]')) {
      w.__firstRows = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

export interface FirstRender {
  firstRowsMs: number;
  /** Durations of the long tasks until the first render settled (ms). */
  tasks: number[];
}

/**
 * Opens the list at `url` in a new page of `browser` twice (the first visit warms the BFF's and
 * the HTTP cache, as a returning user would have), the second time with the probe; returns the
 * page once the first render settled and what the probe saw until then (its record is emptied).
 */
export async function openWarm(
  browser: Browser,
  url: string,
): Promise<{ page: Page; first: FirstRender }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('tbody tr[data-index]', { timeout: 120_000 });
  await page.addInitScript(probe);
  await page.goto(url);
  await page.waitForSelector('tbody tr[data-index]', { timeout: 60_000 });
  // Let first-render tasks finish before reading them (a settle time, not a wait for an event).
  await page.waitForTimeout(1000);
  const first = await page.evaluate<FirstRender>(
    '(() => { const tasks = window.__longTasks.map(([, d]) => d); window.__longTasks.length = 0; return { firstRowsMs: window.__firstRows, tasks }; })()',
  );
  return { page, first };
}

/** Debian Chromium, headless, for `run`; closed afterwards. */
export async function withBrowser<T>(run: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ ...CHROMIUM, headless: true });
  try {
    return await run(browser);
  } finally {
    await browser.close();
  }
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The 20 functions with the most self time in a CDP CPU profile. */
export function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f
      ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}:${f.columnNumber}`
      : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.log('\nself time during the scroll (ms):');
  for (const [k, ms] of top) console.log(`${ms.toFixed(0).padStart(7)}  ${k}`);
}

export interface ListResult {
  firstRowsMs: number;
  firstLongTasks: number[];
  scrollLongTasks: number[];
  maxDomRows: number;
  rowsScrolled: number;
  total: number;
}

/** One line of the goals table: metric, goal, measured, met. */
export type ReportRow = [string, string, string, boolean];

/** The goals every list bench measures. */
export function listRows(r: ListResult): ReportRow[] {
  const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  return [
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
}

/** Prints the goals table (after a `title` line when given), marking missed goals. */
export function printReport(rows: ReportRow[], title?: string): void {
  const w = Math.max(...rows.map((x) => x[0].length));
  if (title) console.log(`\n${title}`);
  console.log(`${title ? '' : '\n'}${'metric'.padEnd(w)}  ${'goal'.padEnd(13)}  measured`);
  for (const [m, goal, got, ok] of rows)
    console.log(`${m.padEnd(w)}  ${goal.padEnd(13)}  ${got}${ok ? '' : '   ✗ missed'}`);
}
