#!/usr/bin/env node
// Runs every test runner of the project in turn and prints one closing line,
// `N passed, N failed[, N skipped]`, summed over all of them (CI reads that line).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function runVitest() {
  const dir = mkdtempSync(join(tmpdir(), 'dvp-vitest-'));
  const out = join(dir, 'report.json');
  const extra = process.argv.slice(2);
  const r = spawnSync(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...extra,
    ],
    { stdio: 'inherit' },
  );
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error('vitest produced no report');
    totals.failed += 1;
    exitCode = 1;
    return;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  // Suites that fail to load count as failures even when no test inside them ran.
  const brokenSuites = report.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  ).length;
  totals.failed += brokenSuites;
  if (r.status !== 0) exitCode = 1;
}

/** A whole-repo check (typecheck, lint, formatting) counts as one test that passes or fails. */
function runCheck(name, args) {
  console.log(`\n=== ${name}: pnpm ${args.join(' ')}`);
  const r = spawnSync('pnpm', args, { stdio: 'inherit' });
  if (r.status === 0) {
    totals.passed += 1;
    console.log(`${name}: passed`);
  } else {
    totals.failed += 1;
    exitCode = 1;
    console.log(`${name}: FAILED`);
  }
}

/** The browser tests (Playwright on Debian's Chromium against the real stack). */
function runPlaywright() {
  const dir = mkdtempSync(join(tmpdir(), 'dvp-e2e-'));
  const out = join(dir, 'report.json');
  const r = spawnSync('pnpm', ['--filter', '@dvp/e2e', 'exec', 'playwright', 'test'], {
    stdio: 'inherit',
    env: { ...process.env, E2E_JSON_REPORT: out },
  });
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error('playwright produced no report');
    totals.failed += 1;
    exitCode = 1;
    return;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const s = report.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  // A failed global setup or web server leaves errors and no tests.
  if ((report.errors ?? []).length > 0) totals.failed += 1;
  if (r.status !== 0) exitCode = 1;
}

runCheck('typecheck', ['typecheck']);
runCheck('lint', ['lint']);
runCheck('format', ['format:check']);
runVitest();
runPlaywright();

let line = `${totals.passed} passed, ${totals.failed} failed`;
if (totals.skipped > 0) line += `, ${totals.skipped} skipped`;
console.log(line);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
