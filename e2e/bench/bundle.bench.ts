/**
 * Initial JavaScript of the console: what a first visit downloads before anything renders.
 * Builds the console, starts from index.html's entry script and modulepreload links, follows the
 * chunks' static `import`/`export … from` statements (dynamic `import()` chunks load on demand and
 * are not initial), gzips each at level 9 and compares the total with the goal. Also checks that
 * the terminal (xterm.js) and VNC (noVNC's RFB) code stays out of the initial set.
 *
 *   pnpm --filter @dvp/e2e exec tsx bench/bundle.bench.ts [--no-build]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const GOAL_KB = 200;
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(REPO, 'apps/console/dist');

if (!process.argv.includes('--no-build')) {
  const r = spawnSync('pnpm', ['--filter', '@dvp/console', 'build'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error('bundle bench: the console build failed');
    process.exit(1);
  }
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const attr = (tag: string, name: string) =>
  new RegExp(`\\b${name}=["']([^"']+)["']`).exec(tag)?.[1];
const roots = [
  ...[...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => /type=["']module["']/.test(t))
    .map((t) => attr(t, 'src')),
  ...[...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((t) => /rel=["']modulepreload["']/.test(t))
    .map((t) => attr(t, 'href')),
]
  .filter((s): s is string => Boolean(s))
  .map((s) => posix.normalize(s.replace(/^\.?\//, '')));

/** Static imports of an ES module chunk (minified): `import x from"./a.js"`, `import"./b.js"`, `export*from"./c.js"`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|[^\w$.])(?:import|export)\s*(?!\()(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;
  for (const m of code.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

const initial = new Set<string>();
const queue = [...roots];
while (queue.length) {
  const file = queue.shift() ?? '';
  if (initial.has(file)) continue;
  initial.add(file);
  const code = readFileSync(join(DIST, file), 'utf8');
  for (const spec of staticImports(code))
    queue.push(posix.normalize(posix.join(posix.dirname(file), spec)));
}

const XTERM = /xterm/i;
const RFB = /\bRFB\b/;
let total = 0;
const rows: string[] = [];
const leaks: string[] = [];
for (const file of initial) {
  const code = readFileSync(join(DIST, file));
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  rows.push(
    `  ${file.padEnd(48)} ${(code.length / 1024).toFixed(1).padStart(8)} KB raw ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`,
  );
  const text = code.toString('utf8');
  if (XTERM.test(file) || XTERM.test(text)) leaks.push(`${file}: xterm`);
  if (RFB.test(file) || RFB.test(text)) leaks.push(`${file}: RFB (noVNC)`);
}

// Where the console libraries do live (sanity: the checks above look for strings that exist).
const lazy = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`))
  .map((f) => ({ f, text: readFileSync(join(DIST, 'assets', f), 'utf8') }));
const lazyXterm = lazy.filter((c) => XTERM.test(c.text)).map((c) => c.f);
const lazyRfb = lazy.filter((c) => RFB.test(c.text)).map((c) => c.f);

console.log('Console initial JS (entry + static imports, gzip -9):');
for (const r of rows) console.log(r);
const kb = total / 1024;
console.log(
  `initial JS gzip total: ${kb.toFixed(1)} KB (goal ≤ ${GOAL_KB} KB) ${kb <= GOAL_KB ? 'OK' : 'OVER GOAL'}`,
);
console.log(
  `xterm/noVNC in the initial set: ${leaks.length ? `YES — ${leaks.join(', ')}` : 'no'}` +
    ` (lazy chunks with xterm: ${lazyXterm.join(', ') || 'none'}; with RFB: ${lazyRfb.join(', ') || 'none'})`,
);
