import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** Projects with counts per kind and phase. */
export function registerProjectRoutes(_router: Router, _ctx: AppContext): void {}
