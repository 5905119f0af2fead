import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isIsoImage } from './iso.ts';

const run = promisify(execFile);

/** Options shared by the qemu-img wrappers. */
export interface QemuImgOptions {
  /** qemu-img binary (default `qemu-img`). */
  binary?: string;
}

/** What `qemu-img info` tells, plus the agent's own ISO detection. */
export interface ImageInfo {
  /** `qcow2`, `raw`, ...; ISOs report `raw` here. */
  format: string;
  /** True for ISO 9660 images (attach as CD-ROM). */
  iso: boolean;
  virtualSize: number;
  actualSize: number;
  backingFile?: string;
  snapshots: { id: string; name: string; vmStateSize: number }[];
  dirty: boolean;
}

/** A qemu-img invocation failed; `stderr` carries QEMU's message. */
export class QemuImgError extends Error {
  override readonly name = 'QemuImgError';
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`qemu-img ${args[0] ?? ''}: ${stderr.trim() || 'failed'}`);
  }
}

async function qemuImg(args: string[], opts: QemuImgOptions = {}): Promise<string> {
  try {
    const { stdout } = await run(opts.binary ?? 'qemu-img', args, { maxBuffer: 8 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new QemuImgError(args, e.stderr ?? e.message);
  }
}

/**
 * `qemu-img info --output=json`. Pass `shared: true` (`-U`) for images a running guest holds:
 * without it qemu-img fails on the write lock.
 */
export async function imageInfo(
  path: string,
  opts: QemuImgOptions & { shared?: boolean } = {},
): Promise<ImageInfo> {
  const args = ['info', '--output=json', ...(opts.shared ? ['-U'] : []), path];
  const raw = JSON.parse(await qemuImg(args, opts)) as {
    format: string;
    'virtual-size': number;
    'actual-size'?: number;
    'backing-filename'?: string;
    'dirty-flag'?: boolean;
    snapshots?: { id: string; name: string; 'vm-state-size': number }[];
  };
  return {
    format: raw.format,
    iso: raw.format === 'raw' && (await isIsoImage(path)),
    virtualSize: raw['virtual-size'],
    actualSize: raw['actual-size'] ?? 0,
    ...(raw['backing-filename'] ? { backingFile: raw['backing-filename'] } : {}),
    snapshots: (raw.snapshots ?? []).map((s) => ({
      id: s.id,
      name: s.name,
      vmStateSize: s['vm-state-size'],
    })),
    dirty: raw['dirty-flag'] ?? false,
  };
}

/** Creates an empty image of `sizeBytes`. */
export async function createImage(
  path: string,
  sizeBytes: number,
  opts: QemuImgOptions & { format?: 'qcow2' | 'raw' } = {},
): Promise<void> {
  await qemuImg(['create', '-q', '-f', opts.format ?? 'qcow2', path, String(sizeBytes)], opts);
}

/** Creates a copy-on-write overlay on top of `backing` (which stays untouched). */
export async function createOverlay(
  path: string,
  backing: string,
  opts: QemuImgOptions & { backingFormat?: 'qcow2' | 'raw' } = {},
): Promise<void> {
  const fmt = opts.backingFormat ?? 'qcow2';
  await qemuImg(['create', '-q', '-f', 'qcow2', '-b', backing, '-F', fmt, path], opts);
}

/** Converts between formats (e.g. an uploaded raw image into qcow2). */
export async function convertImage(
  from: string,
  to: string,
  opts: QemuImgOptions & { from?: string; to?: 'qcow2' | 'raw'; compress?: boolean } = {},
): Promise<void> {
  const args = ['convert', '-q', ...(opts.from ? ['-f', opts.from] : []), '-O', opts.to ?? 'qcow2'];
  if (opts.compress) args.push('-c');
  await qemuImg([...args, from, to], opts);
}

/** Grows (or, with `shrink`, shrinks) an image that no guest holds; use QMP for attached ones. */
export async function resizeImage(
  path: string,
  sizeBytes: number,
  opts: QemuImgOptions & { format?: 'qcow2' | 'raw'; shrink?: boolean } = {},
): Promise<void> {
  const args = ['resize', '-q', ...(opts.format ? ['-f', opts.format] : [])];
  if (opts.shrink) args.push('--shrink');
  await qemuImg([...args, path, String(sizeBytes)], opts);
}

/** Internal qcow2 snapshots of an image no guest holds. */
export async function snapshotImage(
  path: string,
  action: 'create' | 'apply' | 'delete',
  name: string,
  opts: QemuImgOptions = {},
): Promise<void> {
  const flag = { create: '-c', apply: '-a', delete: '-d' }[action];
  await qemuImg(['snapshot', flag, name, path], opts);
}
