import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureGuestImages } from '@dvp/hypervisor-agent/testing/guest-images';
import { killQemusUnder } from '@dvp/hypervisor-agent/testing/harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per-run root of the test sandboxes' data and guest runtime dirs. */
    bffTestRoot: string;
  }
}

/** Guest images for the console tests, and a per-run root whose QEMUs are killed at the end. */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureGuestImages();
  const root = mkdtempSync(join('/tmp', 'dvp-bfft-'));
  project.provide('bffTestRoot', root);
  return () => {
    const killed = killQemusUnder(root);
    if (killed > 0) console.warn(`bff tests: killed ${killed} leftover QEMU process(es)`);
    rmSync(root, { recursive: true, force: true });
  };
}
