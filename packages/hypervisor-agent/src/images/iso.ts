import { open } from 'node:fs/promises';

/**
 * True when the file is an ISO 9660 image: the primary volume descriptor at sector 16 starts
 * with `\x01CD001`. qemu-img reports ISOs as plain `raw`, so the agent checks itself.
 */
export async function isIsoImage(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(6);
    const { bytesRead } = await fh.read(buf, 0, 6, 32768);
    return bytesRead === 6 && buf[0] === 1 && buf.subarray(1).toString('latin1') === 'CD001';
  } finally {
    await fh.close();
  }
}
