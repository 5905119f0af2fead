import { endpoints } from '@dvp/api';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';
import { authMode, sandboxChoices } from './session.ts';

/** `GET /api/me`: who I am and my rules in a namespace (cached SSRR), for disabling actions. */
export function registerMeRoutes(router: Router, ctx: AppContext): void {
  route(router, endpoints.me, async ({ auth, query }) => {
    const [user, access] = await Promise.all([
      ctx.reviewer.whoami(auth.identity),
      ctx.reviewer.rules(auth.identity, query.namespace ?? null),
    ]);
    const choices = sandboxChoices(ctx);
    return {
      user,
      authMode: authMode(ctx),
      ...(auth.session ? { csrfToken: auth.session.csrf } : {}),
      ...(choices ? { sandboxUsers: choices } : {}),
      access,
    };
  });
}
