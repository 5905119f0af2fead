import { endpoints } from '@dvp/api';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { projectSummaries } from '../data/projects.ts';
import { route } from '../http/endpoint.ts';

/** Projects with counts per kind and phase. */
export function registerProjectRoutes(router: Router, ctx: AppContext): void {
  route(router, endpoints.projectList, async ({ auth, signal }) => ({
    items: await projectSummaries(ctx, auth.identity, signal),
  }));
}
