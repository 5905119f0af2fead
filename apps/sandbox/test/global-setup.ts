import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureGuestImages } from '@dvp/hypervisor-agent/testing/guest-images';
import { killQemusUnder } from '@dvp/hypervisor-agent/testing/harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per-run root of the test sandboxes' node runtime dirs: every guest QEMU lives below it. */
    sandboxTestRoot: string;
  }
}

/**
 * Makes sure the demo guest images exist (the catalogue the sandbox serves; `scripts/setup.sh`
 * builds them too) and hands the test files a per-run runtime root. The teardown is the safety
 * net behind each file's own cleanup: any QEMU still running below the root is killed.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureGuestImages();
  const root = mkdtempSync(join('/tmp', 'dvp-sbt-'));
  project.provide('sandboxTestRoot', root);
  return () => {
    const killed = killQemusUnder(root);
    if (killed > 0) console.warn(`sandbox tests: killed ${killed} leftover QEMU process(es)`);
    rmSync(root, { recursive: true, force: true });
  };
}
