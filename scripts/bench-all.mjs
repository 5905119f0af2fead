#!/usr/bin/env node
// Runs every workspace package's `bench` script in turn, so one command prints all the figures.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

let failed = false;
const dirs = [
  ...['packages', 'apps'].flatMap((top) => readdirSync(top).map((d) => join(top, d))),
  'e2e',
];
for (const dir of dirs) {
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  if (!pkg.scripts?.bench) continue;
  console.log(`\n=== ${pkg.name} ===`);
  const r = spawnSync('pnpm', ['--filter', pkg.name, 'run', '--silent', 'bench'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
