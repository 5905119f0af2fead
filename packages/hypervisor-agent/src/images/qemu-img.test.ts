import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSeedImage } from '../guest/cloud-init.ts';
import { ensureGuestImages, type GuestImages } from '../testing/guest-images.ts';
import { decompressImage, detectCompression } from './decompress.ts';
import { isIsoImage } from './iso.ts';
import {
  convertImage,
  createImage,
  createOverlay,
  imageInfo,
  QemuImgError,
  resizeImage,
  snapshotImage,
} from './qemu-img.ts';

let dir: string;
let images: GuestImages;
const MiB = 1024 * 1024;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qemu-img-test-'));
  images = await ensureGuestImages();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qemu-img wrappers', () => {
  it('creates, resizes, snapshots and converts an image', async () => {
    const a = join(dir, 'a.qcow2');
    await createImage(a, 16 * MiB);
    expect(await imageInfo(a)).toMatchObject({
      format: 'qcow2',
      virtualSize: 16 * MiB,
      iso: false,
    });
    await resizeImage(a, 32 * MiB);
    await snapshotImage(a, 'create', 'base');
    const info = await imageInfo(a);
    expect(info.virtualSize).toBe(32 * MiB);
    expect(info.snapshots.map((s) => s.name)).toEqual(['base']);
    await snapshotImage(a, 'delete', 'base');
    const raw = join(dir, 'a.raw');
    await convertImage(a, raw, { to: 'raw' });
    expect(await imageInfo(raw)).toMatchObject({ format: 'raw', virtualSize: 32 * MiB });
  });

  it('creates an overlay that names its backing file', async () => {
    const overlay = join(dir, 'o.qcow2');
    await createOverlay(overlay, images.disk);
    expect((await imageInfo(overlay)).backingFile).toBe(images.disk);
  });

  it('tells ISOs apart from raw disks although qemu-img calls both raw', async () => {
    expect(await imageInfo(images.iso)).toMatchObject({ format: 'raw', iso: true });
    expect(await isIsoImage(images.disk)).toBe(false);
  });

  it('reports qemu-img’s message for a missing file', async () => {
    const err = await imageInfo(join(dir, 'missing.qcow2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QemuImgError);
    expect((err as Error).message).toMatch(/No such file/);
  });
});

describe('decompression', () => {
  const payload = Buffer.from('disk image bytes '.repeat(1000));

  it('detects and unpacks gzip and xz, and leaves plain files alone', async () => {
    const plain = join(dir, 'plain.img');
    const gz = join(dir, 'x.img.gz');
    writeFileSync(plain, payload);
    writeFileSync(gz, gzipSync(payload));
    execFileSync('xz', ['-k', '-f', plain]);
    expect(await detectCompression(plain)).toBe('none');
    expect(await detectCompression(gz)).toBe('gzip');
    expect(await detectCompression(`${plain}.xz`)).toBe('xz');
    expect(await decompressImage(gz, join(dir, 'from-gz.img'))).toBe('gzip');
    expect(readFileSync(join(dir, 'from-gz.img'))).toEqual(payload);
    expect(await decompressImage(`${plain}.xz`, join(dir, 'from-xz.img'))).toBe('xz');
    expect(readFileSync(join(dir, 'from-xz.img'))).toEqual(payload);
  });

  it('fails on a corrupt xz stream', async () => {
    const bad = join(dir, 'bad.xz');
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(64, 1)]),
    );
    await expect(decompressImage(bad, join(dir, 'bad.out'))).rejects.toThrow(/xz -d failed/);
  });
});

describe('NoCloud seed image', () => {
  it('is a FAT volume labelled CIDATA with user-data and meta-data', async () => {
    const seed = join(dir, 'seed.img');
    await writeSeedImage(
      seed,
      { userData: '#cloud-config\nhostname: x\n', localHostname: 'x' },
      'uid-1',
    );
    expect(execFileSync('mlabel', ['-s', '-i', seed, '::']).toString()).toMatch(/CIDATA/);
    expect(execFileSync('mtype', ['-i', seed, '::user-data']).toString()).toBe(
      '#cloud-config\nhostname: x\n',
    );
    expect(execFileSync('mtype', ['-i', seed, '::meta-data']).toString()).toBe(
      'instance-id: "uid-1"\nlocal-hostname: "x"\n',
    );
  });
});
