import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looksLikeRawDisk } from './detect.ts';
import { extractDisk, tarHeader, tarPadding, TAR_END, tarSize } from './tar.ts';

const dir = mkdtempSync(join(tmpdir(), 'tar-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* chunks(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) {
    await Promise.resolve();
    yield buf.subarray(i, i + size);
  }
}

describe('tar', () => {
  it('writes an archive GNU tar reads, and extracts its disk file in any chunking', async () => {
    const body = Buffer.from('x'.repeat(1000));
    const archive = Buffer.concat([
      tarHeader('disk/a.img', body.length),
      body,
      tarPadding(body.length),
      TAR_END,
    ]);
    expect(archive.length).toBe(tarSize(body.length));
    const file = join(dir, 'a.tar');
    writeFileSync(file, archive);
    expect(execFileSync('tar', ['-tvf', file]).toString()).toMatch(/disk\/a\.img/);
    for (const size of [1, 7, 512, 100_000]) {
      const out = join(dir, `out-${size}`);
      expect(await extractDisk(chunks(archive, size), out)).toBe('disk/a.img');
      expect(readFileSync(out)).toEqual(body);
    }
  });

  it('finds the disk among other entries of a tar made by GNU tar', async () => {
    const src = join(dir, 'src');
    execFileSync('mkdir', ['-p', join(src, 'disk'), join(src, 'etc')]);
    writeFileSync(join(src, 'etc', 'x'), 'other');
    writeFileSync(join(src, 'disk', 'disk.qcow2'), 'QFI disk');
    const tarFile = join(dir, 'gnu.tar');
    execFileSync('tar', ['-cf', tarFile, '-C', src, 'etc', 'disk']);
    const out = join(dir, 'gnu-out');
    expect(await extractDisk(chunks(readFileSync(tarFile), 300), out)).toBe('disk/disk.qcow2');
    expect(readFileSync(out, 'utf8')).toBe('QFI disk');
  });

  it('says when a layer has no disk', async () => {
    const body = Buffer.from('y');
    const archive = Buffer.concat([tarHeader('etc/y', 1), body, tarPadding(1), TAR_END]);
    expect(await extractDisk(chunks(archive, 512), join(dir, 'none'))).toBeUndefined();
  });

  it('rejects names tar headers cannot hold', () => {
    expect(() => tarHeader(`disk/${'n'.repeat(100)}`, 1)).toThrow(/too long/);
  });
});

describe('raw disk signatures', () => {
  it('accepts MBR, ext4 and blank disks, refuses text', () => {
    const mbr = Buffer.alloc(1024);
    mbr[510] = 0x55;
    mbr[511] = 0xaa;
    expect(looksLikeRawDisk(mbr)).toBe(true);
    const ext = Buffer.alloc(2048, 1);
    ext[1080] = 0x53;
    ext[1081] = 0xef;
    expect(looksLikeRawDisk(ext)).toBe(true);
    expect(looksLikeRawDisk(Buffer.alloc(4096))).toBe(true);
    expect(looksLikeRawDisk(Buffer.from('<html>'.repeat(200)))).toBe(false);
  });
});
