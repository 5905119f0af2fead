import { endpoints, type AuthMode } from '@dvp/api';
import type { Router } from 'express';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';

/** `GET /api/me`: who I am and my rules in a namespace (cached SSRR), for disabling actions. */
export function registerMeRoutes(router: Router, ctx: AppContext): void {
  route(router, endpoints.me, async ({ auth, query }) => {
    const [user, access] = await Promise.all([
      ctx.reviewer.whoami(auth.identity),
      ctx.reviewer.rules(auth.identity, query.namespace ?? null),
    ]);
    const authMode: AuthMode = ctx.sandbox ? 'embedded' : ctx.env.AUTH_MODE;
    return {
      user,
      authMode,
      ...(auth.session ? { csrfToken: auth.session.csrf } : {}),
      ...(ctx.sandbox
        ? {
            sandboxUsers: ctx.sandbox.users.map(({ username, description }) => ({
              username,
              description,
            })),
          }
        : {}),
      access,
    };
  });
}
