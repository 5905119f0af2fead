import { imageInfo } from '../images/qemu-img.ts';
import type { GuestDiskSpec, GuestSpec, ResolvedDisk, ResolvedGuestSpec } from './spec.ts';

/**
 * Fills in format and media of a disk from the file itself: qemu-img for the format (with `-U`,
 * since a running guest may hold the image) and the ISO signature for CD-ROMs.
 */
export async function resolveDisk(disk: GuestDiskSpec, qemuImg?: string): Promise<ResolvedDisk> {
  if (disk.format && disk.media) return { ...disk, format: disk.format, media: disk.media };
  const info = await imageInfo(disk.path, {
    shared: true,
    ...(qemuImg ? { binary: qemuImg } : {}),
  });
  const format = disk.format ?? (info.format === 'qcow2' ? 'qcow2' : 'raw');
  if (info.format !== 'qcow2' && info.format !== 'raw') {
    throw new Error(`${disk.path}: unsupported image format ${info.format}`);
  }
  const media = disk.media ?? (disk.kind === 'image' && info.iso ? 'cdrom' : 'disk');
  return { ...disk, format, media };
}

/** Resolves every disk of a spec. */
export async function resolveSpec(spec: GuestSpec, qemuImg?: string): Promise<ResolvedGuestSpec> {
  const disks = await Promise.all(spec.disks.map((d) => resolveDisk(d, qemuImg)));
  return { ...spec, disks };
}
