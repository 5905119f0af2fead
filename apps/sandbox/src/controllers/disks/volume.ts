/**
 * Volume file work for disks and snapshots: qemu-img conversions with progress, and the pure
 * size rules of a VirtualDisk.
 */
import { spawn } from 'node:child_process';
import { formatQuantity, quantityFromBytes, quantityToBytes, tryParseQuantity } from '@dvp/api';

/** What a disk's size resolves to: the bytes to provision, or why it cannot be. */
export type SizeDecision = { ok: true; bytes: number } | { ok: false; message: string };

/** The kube quantity text of a byte count (`100Mi`, `2590Mi`). */
export function bytesToQuantity(bytes: number): string {
  return formatQuantity(quantityFromBytes(BigInt(bytes)));
}

/** Bytes of a quantity (`spec.persistentVolumeClaim.size`), or undefined when absent/invalid. */
export function quantityBytes(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  const parsed = tryParseQuantity(q);
  return parsed ? Number(quantityToBytes(parsed)) : undefined;
}

/**
 * The size a new disk gets: the requested size, or the source's (unpacked) size when none was
 * requested. A requested size smaller than the source is refused (it would cut the data).
 */
export function decideDiskSize(
  requested: number | undefined,
  source: { bytes: number; what: string } | undefined,
): SizeDecision {
  if (requested === undefined) {
    if (!source)
      return {
        ok: false,
        message:
          'spec.persistentVolumeClaim.size is required for a blank disk: set the size of the disk to create',
      };
    return { ok: true, bytes: source.bytes };
  }
  if (requested <= 0)
    return { ok: false, message: 'spec.persistentVolumeClaim.size must be greater than 0' };
  if (source && requested < source.bytes)
    return {
      ok: false,
      message: `the requested size ${bytesToQuantity(requested)} is smaller than the unpacked size ${bytesToQuantity(source.bytes)} of ${source.what}; set spec.persistentVolumeClaim.size to at least ${bytesToQuantity(source.bytes)} or omit it`,
    };
  return { ok: true, bytes: requested };
}

/** Whether a provisioned disk must grow: the requested size is larger than its capacity. */
export function needsResize(requested: number | undefined, capacity: number): boolean {
  return requested !== undefined && requested > capacity;
}

/** Parses qemu-img's `-p` progress output (`    (42.00/100%)`), the last value in `chunk`. */
export function parseProgress(chunk: string): number | undefined {
  const all = [...chunk.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)];
  const last = all.at(-1);
  return last ? Number(last[1]) : undefined;
}

/**
 * `qemu-img convert -p -O qcow2 [-U] from to`, reporting progress (0–100) as it goes.
 * `shared` (-U) reads an image a running guest holds. Rejects with qemu-img's message.
 */
export function convertToQcow2(
  from: string,
  to: string,
  opts: { shared?: boolean; onProgress?: (pct: number) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const args = ['convert', '-p', ...(opts.shared ? ['-U'] : []), '-O', 'qcow2', from, to];
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-img', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      const pct = parseProgress(b.toString('utf8'));
      if (pct !== undefined) opts.onProgress?.(pct);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`qemu-img convert: ${stderr.trim() || `exit code ${code}`}`));
    });
  });
}
