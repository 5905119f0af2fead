import { open, rm, stat } from 'node:fs/promises';
import { decompressImage, detectCompression } from '@dvp/hypervisor-agent/images/decompress';
import { imageInfo, QemuImgError } from '@dvp/hypervisor-agent/images/qemu-img';
import { ImportError } from './errors.ts';

/** What an imported image turned out to be. */
export interface ImageFacts {
  /** The file holding the image, ready to be moved into storage. */
  file: string;
  /** `qcow2`, `raw`, `vmdk`, `vdi` or `iso` (DVP's `status.format`). */
  format: string;
  cdrom: boolean;
  storedBytes: number;
  unpackedBytes: number;
}

const FORMATS = ['qcow2', 'raw', 'vmdk', 'vdi'];

/** Signatures that make raw bytes a disk: partition tables, file systems (offset, bytes). */
const RAW_SIGNATURES: [number, Buffer][] = [
  [510, Buffer.from([0x55, 0xaa])], // MBR / FAT boot sector
  [512, Buffer.from('EFI PART')], // GPT
  [512, Buffer.from('LABELONE')], // LVM PV
  [1080, Buffer.from([0x53, 0xef])], // ext2/3/4
  [0, Buffer.from('XFSB')],
  [0, Buffer.from('hsqs')], // squashfs
  [3, Buffer.from('NTFS    ')],
  [65600, Buffer.from('_BHRfS_M')], // btrfs
];

/** True when raw bytes look like a disk (a known signature) or a blank one (all zeros). */
export function looksLikeRawDisk(head: Buffer): boolean {
  if (RAW_SIGNATURES.some(([off, sig]) => head.subarray(off, off + sig.length).equals(sig)))
    return true;
  return head.length > 0 && head.every((b) => b === 0);
}

/** The first bytes of a file as printable text, for error messages. */
export function describeHead(head: Buffer): string {
  const text = head
    .subarray(0, 24)
    .toString('latin1')
    .replace(/[^\x20-\x7e]/g, '.');
  return JSON.stringify(text);
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Unpacks (gz, xz) and inspects a downloaded or uploaded file with `qemu-img info`: the format,
 * whether it is an ISO (`cdrom`), and its stored and unpacked sizes. `what` names the source in
 * error messages ("https://…/disk.qcow2", "the uploaded file").
 */
export async function inspectImage(downloaded: string, what: string): Promise<ImageFacts> {
  let file = downloaded;
  const compression = await detectCompression(downloaded);
  if (compression !== 'none') {
    file = `${downloaded}.unpacked`;
    try {
      await decompressImage(downloaded, file);
    } catch (e) {
      throw new ImportError(
        `${what} is ${compression}-compressed but cannot be unpacked (${(e as Error).message.trim()}): the file is probably truncated or corrupt; check its checksum.`,
      );
    }
    await rm(downloaded, { force: true });
  }
  let info;
  try {
    info = await imageInfo(file);
  } catch (e) {
    const msg = e instanceof QemuImgError ? e.stderr.trim() : (e as Error).message;
    throw new ImportError(`${what} is not a disk image qemu-img can read: ${msg}.`);
  }
  const size = (await stat(file)).size;
  if (info.backingFile)
    throw new ImportError(
      `${what} is a qcow2 overlay that needs the backing file ${info.backingFile}; convert it to a standalone image first (qemu-img convert -O qcow2 in.qcow2 out.qcow2).`,
    );
  if (!FORMATS.includes(info.format))
    throw new ImportError(
      `${what} has the format ${info.format}, which DVP does not import: use qcow2, raw, vmdk, vdi or iso (optionally .gz or .xz).`,
    );
  if (info.format === 'raw' && !info.iso) {
    const head = await readHead(file, 65_608);
    if (!looksLikeRawDisk(head))
      throw new ImportError(
        `${what} is not a disk image: qemu-img sees only raw data (${size} bytes, starting with ${describeHead(head)}) without a partition table, file system or ISO 9660 header. Check that the source is the image file itself, not a web page, an archive or a checksum list.`,
      );
  }
  return {
    file,
    format: info.iso ? 'iso' : info.format,
    cdrom: info.iso,
    storedBytes: size,
    unpackedBytes: info.virtualSize,
  };
}
