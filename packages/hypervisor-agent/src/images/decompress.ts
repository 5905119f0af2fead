import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** Compression of an uploaded image, detected from magic bytes. */
export type Compression = 'gzip' | 'xz' | 'none';

/** Detects gzip (1f 8b) and xz (fd 37 7a 58 5a 00) by magic bytes. */
export async function detectCompression(path: string): Promise<Compression> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(6);
    const { bytesRead } = await fh.read(buf, 0, 6, 0);
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return 'gzip';
    if (bytesRead === 6 && buf.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) {
      return 'xz';
    }
    return 'none';
  } finally {
    await fh.close();
  }
}

/**
 * Decompresses a gz or xz image to `to` (gzip in-process; xz through the `xz` tool, since Node
 * has no xz codec). Returns the detected compression; `none` copies nothing and returns 'none'.
 */
export async function decompressImage(from: string, to: string): Promise<Compression> {
  const kind = await detectCompression(from);
  if (kind === 'gzip') {
    await pipeline(createReadStream(from), createGunzip(), createWriteStream(to));
  } else if (kind === 'xz') {
    const xz = spawn('xz', ['-dc', from], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    xz.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const done = new Promise<number | null>((resolve, reject) => {
      xz.once('error', reject);
      xz.once('close', resolve);
    });
    await pipeline(xz.stdout, createWriteStream(to));
    const code = await done;
    if (code !== 0) throw new Error(`xz -d failed (${code}): ${stderr.trim()}`);
  }
  return kind;
}
