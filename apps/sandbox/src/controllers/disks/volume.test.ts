import { describe, expect, it } from 'vitest';
import {
  bytesToQuantity,
  decideDiskSize,
  needsResize,
  parseProgress,
  quantityBytes,
} from './volume.ts';

const MiB = 1024 * 1024;

describe('disk size rules', () => {
  it('defaults to the source size and accepts equal or larger requests', () => {
    expect(decideDiskSize(undefined, { bytes: 40 * MiB, what: 'img' })).toEqual({
      ok: true,
      bytes: 40 * MiB,
    });
    expect(decideDiskSize(40 * MiB, { bytes: 40 * MiB, what: 'img' })).toEqual({
      ok: true,
      bytes: 40 * MiB,
    });
    expect(decideDiskSize(1024 * MiB, { bytes: 40 * MiB, what: 'img' })).toEqual({
      ok: true,
      bytes: 1024 * MiB,
    });
    expect(decideDiskSize(10 * MiB, undefined)).toEqual({ ok: true, bytes: 10 * MiB });
  });

  it('refuses a size below the unpacked size, a zero size and a blank disk without size', () => {
    const small = decideDiskSize(10 * MiB, { bytes: 40 * MiB, what: 'VirtualImage "ubuntu"' });
    expect(small).toEqual({
      ok: false,
      message:
        'the requested size 10Mi is smaller than the unpacked size 40Mi of VirtualImage "ubuntu"; set spec.persistentVolumeClaim.size to at least 40Mi or omit it',
    });
    expect(JSON.stringify(decideDiskSize(0, undefined))).toMatch(/"ok":false.*greater than 0/);
    expect(JSON.stringify(decideDiskSize(undefined, undefined))).toMatch(
      /"ok":false.*required for a blank disk/,
    );
  });

  it('grows only when the request is larger than the capacity', () => {
    expect(needsResize(200 * MiB, 100 * MiB)).toBe(true);
    expect(needsResize(100 * MiB, 100 * MiB)).toBe(false);
    expect(needsResize(undefined, 100 * MiB)).toBe(false);
  });

  it('converts between quantities and bytes as kube prints them', () => {
    expect(bytesToQuantity(100 * MiB)).toBe('100Mi');
    expect(bytesToQuantity(2590 * MiB)).toBe('2590Mi');
    expect(bytesToQuantity(1024 * MiB)).toBe('1Gi');
    expect(quantityBytes('1Gi')).toBe(1024 * MiB);
    expect(quantityBytes('1G')).toBe(1e9);
    expect(quantityBytes('bad')).toBeUndefined();
    expect(quantityBytes(undefined)).toBeUndefined();
  });

  it('reads qemu-img progress output', () => {
    expect(parseProgress('    (0.00/100%)\r    (12.50/100%)\r')).toBe(12.5);
    expect(parseProgress('nothing')).toBeUndefined();
  });
});
