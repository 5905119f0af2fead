import type { NextFunction, Request, Response } from 'express';
import { statusErrors } from '../k8s/status.ts';

/**
 * A fixed-window rate limit per client address: at most `perMinute` requests a minute, then 429
 * TooManyRequests with `Retry-After`. Memory is bounded: windows are dropped when they end.
 */
export function rateLimit(perMinute: number, what: string) {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    if (now - windowStart >= 60_000) {
      windowStart = now;
      counts = new Map();
    }
    const key = req.ip ?? req.socket.remoteAddress ?? '?';
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > perMinute) {
      const retry = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
      res.setHeader('Retry-After', String(retry));
      throw statusErrors.tooManyRequests(`too many ${what}; try again in ${retry} s`, retry);
    }
    next();
  };
}
