import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  csrfMatches,
  newCsrfSecret,
  parseCookies,
  SessionCodec,
  type SessionData,
} from './session.ts';

const key = randomBytes(32);
const codec = new SessionCodec(key);
const session = (over: Partial<SessionData> = {}): SessionData => ({
  token: 'secret-token',
  csrf: newCsrfSecret(),
  exp: Date.now() + 60_000,
  ...over,
});

/** Seals arbitrary plaintext the way SessionCodec does (for malformed-content cases). */
function sealRaw(plaintext: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

describe('SessionCodec', () => {
  it('round-trips a session, and the cookie does not reveal the token', () => {
    const data = session();
    const sealed = codec.seal(data);
    expect(codec.open(sealed)).toEqual(data);
    expect(sealed).not.toContain('secret-token');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('secret-token');
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('seals the same session differently each time (fresh IV)', () => {
    const data = session();
    expect(codec.seal(data)).not.toBe(codec.seal(data));
  });

  it('refuses a cookie with any byte changed', () => {
    const raw = Buffer.from(codec.seal(session()), 'base64url');
    for (const i of [0, 11, 12, 27, 28, raw.length - 1]) {
      const copy = Buffer.from(raw);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      expect(codec.open(copy.toString('base64url')), `byte ${i}`).toBeUndefined();
    }
  });

  it('refuses a cookie sealed with another key', () => {
    const other = new SessionCodec(randomBytes(32));
    expect(codec.open(other.seal(session()))).toBeUndefined();
  });

  it('refuses an expired session', () => {
    const data = session({ exp: 1_000 });
    const sealed = codec.seal(data);
    expect(codec.open(sealed, 999)).toEqual(data);
    expect(codec.open(sealed, 1_000)).toBeUndefined();
    expect(codec.open(sealed)).toBeUndefined();
  });

  it('refuses garbage, truncated and oversize values without throwing', () => {
    const sealed = codec.seal(session());
    for (const v of ['', 'x', '!!!!', '%%%', sealed.slice(0, 30), 'A'.repeat(50_000), '\u0000']) {
      expect(codec.open(v)).toBeUndefined();
    }
  });

  it('refuses authentic content that is not a session', () => {
    for (const text of ['null', '[]', '"x"', '{}', '{"csrf":"a"}', '{"exp":9e15}', 'not json']) {
      expect(codec.open(sealRaw(text)), text).toBeUndefined();
    }
    expect(codec.open(sealRaw('{"csrf":"a","exp":9e15}'))).toEqual({ csrf: 'a', exp: 9e15 });
  });

  it('needs a 32-byte key', () => {
    expect(() => new SessionCodec(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('CSRF tokens', () => {
  it('are random and URL-safe', () => {
    const a = newCsrfSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newCsrfSecret()).not.toBe(a);
  });

  it('match only the exact token', () => {
    const t = newCsrfSecret();
    expect(csrfMatches(t, t)).toBe(true);
    expect(csrfMatches(t, undefined)).toBe(false);
    expect(csrfMatches(t, '')).toBe(false);
    expect(csrfMatches(t, t.slice(0, -1))).toBe(false);
    expect(csrfMatches(t, `${t}x`)).toBe(false);
    expect(csrfMatches(t, t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase())).toBe(false);
  });
});

describe('parseCookies', () => {
  it('reads name=value pairs, decoding values', () => {
    expect(parseCookies('a=1; b=hello%20world;c = 3 ')).toEqual({
      a: '1',
      b: 'hello world',
      c: '3',
    });
  });

  it('keeps the first of duplicate names', () => {
    expect(parseCookies('dvp_session=first; dvp_session=second')).toEqual({
      dvp_session: 'first',
    });
  });

  it('keeps = inside values', () => {
    expect(parseCookies('t=a=b==')).toEqual({ t: 'a=b==' });
  });

  it('ignores malformed parts instead of failing', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
    expect(parseCookies(';;; =x; novalue; bad=%E0%A4%A; ok=1')).toEqual({ ok: '1' });
  });

  it('treats prototype names as plain names', () => {
    const c = parseCookies('constructor=1; __proto__=2; toString=3');
    expect(Object.entries(c)).toEqual([
      ['constructor', '1'],
      ['__proto__', '2'],
      ['toString', '3'],
    ]);
  });
});
