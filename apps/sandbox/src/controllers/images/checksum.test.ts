import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChecksumVerifier, mismatchMessage, unsupportedChecksums } from './checksum.ts';

const data = Buffer.from('disk image bytes');
const sum = (a: string) => createHash(a).update(data).digest('hex');

describe('ChecksumVerifier', () => {
  it('accepts when every given checksum matches (case-insensitive), over chunks', () => {
    const v = new ChecksumVerifier({ md5: sum('md5').toUpperCase(), sha512: sum('sha512') });
    v.update(data.subarray(0, 5));
    v.update(data.subarray(5));
    expect(v.active).toBe(true);
    expect(v.mismatches()).toEqual([]);
  });

  it('reports each mismatching algorithm with both values', () => {
    const v = new ChecksumVerifier({ sha1: sum('sha1'), sha256: '0'.repeat(64) });
    v.update(data);
    const bad = v.mismatches();
    expect(bad).toEqual([{ algorithm: 'sha256', expected: '0'.repeat(64), actual: sum('sha256') }]);
    expect(mismatchMessage('http://x/d.img', bad)).toMatch(
      /checksum of http:\/\/x\/d\.img does not match: sha256 is [0-9a-f]{64}, expected 0{64}/,
    );
  });

  it('is inactive without checksums and names unsupported Streebog ones', () => {
    expect(new ChecksumVerifier().active).toBe(false);
    expect(unsupportedChecksums({ streebog512: 'a', sha1: 'b' })).toEqual(['streebog512']);
    expect(unsupportedChecksums(undefined)).toEqual([]);
  });
});
