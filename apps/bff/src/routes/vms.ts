import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** The VM list (rows), VM detail aggregate, VM writes and actions. */
export function registerVmRoutes(_router: Router, _ctx: AppContext): void {}
