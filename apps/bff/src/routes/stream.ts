import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** The per-tab event stream (SSE) and its topic subscriptions. */
export function registerStreamRoutes(_router: Router, _ctx: AppContext): { close(): void } {
  return { close() {} };
}
