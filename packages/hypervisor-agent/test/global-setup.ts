import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureGuestImages } from '../src/testing/guest-images.ts';
import { killQemusUnder } from '../src/testing/harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per-run scratch root under /tmp; every QEMU the run starts lives below it. */
    agentTestRoot: string;
  }
}

/**
 * Builds the demo guest images once per run (CI starts from a fresh clone) and hands the test
 * files a per-run scratch root. The teardown is the safety net behind each file's own cleanup:
 * any QEMU still running below the root (a worker that died mid-test) is killed.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureGuestImages();
  const root = mkdtempSync(join('/tmp', 'dvp-agent-run-'));
  project.provide('agentTestRoot', root);
  return () => {
    const killed = killQemusUnder(root);
    if (killed > 0) console.warn(`agent tests: killed ${killed} leftover QEMU process(es)`);
    rmSync(root, { recursive: true, force: true });
  };
}
