import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Session cookies: the session's content is sealed (AES-256-GCM) into the cookie itself, so the
 * BFF keeps no session store, restarts lose no sessions, and the browser (HttpOnly) cannot read
 * the token inside.
 */
export interface SessionData {
  /** A bearer token the user signed in with. */
  token?: string;
  /** Embedded mode: the sandbox user this session acts as. */
  sandboxUser?: string;
  /** Double-submit CSRF secret: state-changing requests send it as `X-CSRF-Token`. */
  csrf: string;
  /** Expiry, ms since epoch. */
  exp: number;
}

export const SESSION_COOKIE = 'dvp_session';
/**
 * Set beside every session cookie and kept after it ends (sign-out, expiry): a browser that had
 * a session is no newcomer, so embedded mode does not sign it in as the sandbox's admin again.
 */
export const RETURNING_COOKIE = 'dvp_returning';

export class SessionCodec {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the session key must be 32 bytes');
  }

  seal(data: SessionData): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(JSON.stringify(data), 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
  }

  /** The session in `value`, or undefined when it was tampered with, is malformed or expired. */
  open(value: string, now = Date.now()): SessionData | undefined {
    try {
      const raw = Buffer.from(value, 'base64url');
      if (raw.length < 29 || raw.length > 32 * 1024) return undefined;
      const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      const data = JSON.parse(text) as SessionData;
      if (typeof data.csrf !== 'string' || typeof data.exp !== 'number' || data.exp <= now)
        return undefined;
      return data;
    } catch {
      return undefined;
    }
  }
}

export function newCsrfSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookie header → name/value map (first occurrence wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  // No prototype: a cookie named `__proto__` or `constructor` is just a name.
  const out = Object.create(null) as Record<string, string>;
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || Object.hasOwn(out, name)) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed cookie is ignored, not an error.
    }
  }
  return out;
}
