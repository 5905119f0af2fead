import type { Express } from 'express';
import type { AppContext } from '../context.ts';

/** The built console: hashed assets cached for a year, index.html never; SPA fallback. */
export function registerStaticRoutes(_app: Express, _ctx: AppContext): void {}
