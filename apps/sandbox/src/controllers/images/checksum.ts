import { createHash, type Hash } from 'node:crypto';

/** `dataSource.{http,upload}.checksum`. */
export interface ChecksumSpec {
  md5?: string;
  sha1?: string;
  sha256?: string;
  sha512?: string;
  streebog256?: string;
  streebog512?: string;
}

const SUPPORTED = ['md5', 'sha1', 'sha256', 'sha512'] as const;
type Supported = (typeof SUPPORTED)[number];

/** A checksum that did not match. */
export interface ChecksumMismatch {
  algorithm: string;
  expected: string;
  actual: string;
}

/**
 * Hashes a byte stream with every algorithm the spec names and checks that all of them match
 * (DVP: "all given checksums must match"). Streebog (GOST R 34.11-2012) has no implementation in
 * Node's OpenSSL build, so the sandbox refuses it up front with {@link unsupportedChecksums}.
 */
export class ChecksumVerifier {
  private readonly hashes = new Map<Supported, Hash>();

  constructor(private readonly spec: ChecksumSpec = {}) {
    for (const a of SUPPORTED) if (spec[a]) this.hashes.set(a, createHash(a));
  }

  /** True when the spec asks for any checksum the sandbox can compute. */
  get active(): boolean {
    return this.hashes.size > 0;
  }

  update(chunk: Buffer): void {
    for (const h of this.hashes.values()) h.update(chunk);
  }

  /** The mismatches (empty when every given checksum matches). Call once, at the end. */
  mismatches(): ChecksumMismatch[] {
    const out: ChecksumMismatch[] = [];
    for (const [a, h] of this.hashes) {
      const actual = h.digest('hex');
      const expected = (this.spec[a] ?? '').toLowerCase();
      if (actual !== expected) out.push({ algorithm: a, expected, actual });
    }
    return out;
  }
}

/** The algorithms of `spec` the sandbox cannot verify (streebog256/512). */
export function unsupportedChecksums(spec: ChecksumSpec | undefined): string[] {
  return (['streebog256', 'streebog512'] as const).filter((a) => spec?.[a]);
}

/** A user-facing sentence about checksum mismatches of `what` (a URL or "the upload"). */
export function mismatchMessage(what: string, mismatches: ChecksumMismatch[]): string {
  const parts = mismatches.map((m) => `${m.algorithm} is ${m.actual}, expected ${m.expected}`);
  return `the checksum of ${what} does not match: ${parts.join('; ')}. The file may be corrupt or a different version: check the checksum in the spec against the file's published checksum.`;
}
