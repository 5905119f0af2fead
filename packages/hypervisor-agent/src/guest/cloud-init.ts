import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CloudInitSpec } from './spec.ts';

const run = promisify(execFile);

/** The NoCloud meta-data document for a guest. */
export function metaData(spec: CloudInitSpec, fallbackId: string): string {
  const lines = [`instance-id: ${JSON.stringify(spec.instanceId ?? fallbackId)}`];
  if (spec.localHostname) lines.push(`local-hostname: ${JSON.stringify(spec.localHostname)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes a NoCloud seed disk: a small FAT volume labelled CIDATA holding `user-data`,
 * `meta-data` and optionally `network-config`. Built with mkfs.fat + mtools, so no loop mount
 * and no root are needed.
 */
export async function writeSeedImage(
  path: string,
  spec: CloudInitSpec,
  instanceId: string,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'dvp-cidata-'));
  try {
    const files = [join(work, 'user-data'), join(work, 'meta-data')];
    await writeFile(files[0] ?? '', spec.userData);
    await writeFile(files[1] ?? '', metaData(spec, instanceId));
    if (spec.networkConfig !== undefined) {
      const nc = join(work, 'network-config');
      await writeFile(nc, spec.networkConfig);
      files.push(nc);
    }
    await rm(path, { force: true });
    // Size in KiB: room for the data plus FAT overhead, at least 1 MiB.
    const bytes = Buffer.byteLength(spec.userData) + Buffer.byteLength(spec.networkConfig ?? '');
    const kib = Math.max(1024, Math.ceil((bytes * 2) / 1024) + 512);
    await run('mkfs.fat', ['-n', 'CIDATA', '-C', path, String(kib)]);
    await run('mcopy', ['-i', path, ...files, '::']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
