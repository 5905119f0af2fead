import type { Router } from 'express';
import type { AppContext } from '../context.ts';

/** Generic list/view/create/patch/delete of the other namespaced and cluster kinds. */
export function registerResourceRoutes(_router: Router, _ctx: AppContext): void {}
