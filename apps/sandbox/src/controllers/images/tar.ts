import { createWriteStream, type WriteStream } from 'node:fs';

const BLOCK = 512;

/** A ustar header for one regular file (`name` ≤ 100 bytes, size < 8 GiB). */
export function tarHeader(name: string, size: number, mtime = 0): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  const put = (off: number, len: number, text: string) => h.write(text, off, len, 'latin1');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(0, 100, name);
  put(100, 8, octal(0o644, 8));
  put(108, 8, octal(0, 8));
  put(116, 8, octal(0, 8));
  put(124, 12, octal(size, 12));
  put(136, 12, octal(mtime, 12));
  put(148, 8, '        ');
  put(156, 1, '0');
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  let sum = 0;
  for (const b of h) sum += b;
  put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return h;
}

/** Zero padding after a file body of `size` bytes. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);

/** Total bytes of a one-file archive with a body of `size` bytes. */
export function tarSize(size: number): number {
  return BLOCK + size + tarPadding(size).length + TAR_END.length;
}

function parseOctal(buf: Buffer): number {
  const text = buf.toString('latin1').replace(/\0.*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

/** Path attributes of a PAX extended header block. */
function paxPath(body: Buffer): string | undefined {
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp < 0) break;
    const len = Number(body.subarray(i, sp).toString('latin1'));
    if (!len) break;
    const rec = body.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') return rec.slice(eq + 1);
    i += len;
  }
  return undefined;
}

/**
 * Extracts the first regular file under `disk/` from a tar stream (DVP's containerDisk layout)
 * into `dest`. Handles ustar prefixes, PAX `path` records and GNU long names. Resolves with the
 * file's name inside the archive, or undefined when the layer has none.
 */
export async function extractDisk(
  src: AsyncIterable<Buffer>,
  dest: string,
): Promise<string | undefined> {
  let buf: Buffer = Buffer.alloc(0);
  let found: string | undefined;
  let out: WriteStream | undefined;
  // State: reading a header, or `remaining` body bytes of the current entry (+ padding).
  let remaining = 0;
  let padding = 0;
  let mode: 'header' | 'skip' | 'write' | 'meta' = 'header';
  let meta: Buffer[] = [];
  let metaType = '';
  let nextName: string | undefined;
  const write = (chunk: Buffer) =>
    new Promise<void>((ok, fail) => {
      if (!out) return ok();
      out.write(chunk, (e) => (e ? fail(e) : ok()));
    });
  for await (const chunk of src) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (mode === 'header') {
        if (found && !out) {
          // Keep reading (the caller verifies the blob digest) but ignore the rest.
          buf = Buffer.alloc(0);
          break;
        }
        if (buf.length < BLOCK) break;
        const h = buf.subarray(0, BLOCK);
        buf = buf.subarray(BLOCK);
        if (h.every((b) => b === 0)) continue;
        const size = parseOctal(h.subarray(124, 136));
        const type = String.fromCharCode(h[156] || 0x30);
        const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
        const base = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
        const name = nextName ?? (prefix ? `${prefix}/${base}` : base);
        nextName = undefined;
        remaining = size;
        padding = (BLOCK - (size % BLOCK)) % BLOCK;
        const clean = name.replace(/^(\.\/|\/)+/, '');
        if (type === 'x' || type === 'L') {
          mode = 'meta';
          metaType = type;
          meta = [];
        } else if (!found && (type === '0' || type === '\0') && /^disk\/[^/]+$/.test(clean)) {
          found = clean;
          out = createWriteStream(dest);
          mode = 'write';
        } else mode = 'skip';
        continue;
      }
      const take = Math.min(remaining, buf.length);
      if (take > 0) {
        const part = buf.subarray(0, take);
        if (mode === 'write') await write(part);
        else if (mode === 'meta') meta.push(Buffer.from(part));
        buf = buf.subarray(take);
        remaining -= take;
      }
      if (remaining > 0) break;
      if (buf.length < padding) break;
      buf = buf.subarray(padding);
      padding = 0;
      if (mode === 'meta') {
        const body = Buffer.concat(meta);
        nextName = metaType === 'L' ? body.toString('utf8').replace(/\0.*$/s, '') : paxPath(body);
      }
      if (mode === 'write' && out) {
        const stream = out;
        out = undefined;
        await new Promise<void>((ok, fail) =>
          stream.end((e?: Error | null) => (e ? fail(e) : ok())),
        );
      }
      mode = 'header';
    }
  }
  if (out) {
    const stream = out;
    await new Promise<void>((ok) => stream.end(() => ok()));
    throw new Error(`the layer ends in the middle of ${found ?? 'the disk file'}`);
  }
  return found;
}
