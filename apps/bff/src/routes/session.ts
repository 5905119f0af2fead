import { endpoints, type AuthMode, type SandboxUserChoice, type SessionInfo } from '@dvp/api';
import type { Request, Router } from 'express';
import { tokenIdentity } from '../auth/identity.ts';
import { clearSessionCookie, newSession, setSessionCookie } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';
import { rateLimit } from '../http/rate-limit.ts';
import type { RequestAuth } from '../http/types.ts';
import { StatusError, statusErrors } from '../k8s/status.ts';

export function authMode(ctx: AppContext): AuthMode {
  return ctx.sandbox ? 'embedded' : ctx.env.AUTH_MODE;
}

/** Embedded mode: the example users one may switch to (without their tokens). */
export function sandboxChoices(ctx: AppContext): SandboxUserChoice[] | undefined {
  return ctx.sandbox?.users.map(({ username, description }) => ({ username, description }));
}

async function sessionInfo(
  ctx: AppContext,
  auth: RequestAuth | undefined,
  csrf?: string,
): Promise<SessionInfo> {
  const info: SessionInfo = { authenticated: false, authMode: authMode(ctx) };
  const choices = sandboxChoices(ctx);
  if (choices) info.sandboxUsers = choices;
  if (!auth) return info;
  try {
    info.user = await ctx.reviewer.whoami(auth.identity);
  } catch (e) {
    // An expired or revoked token: the session is over.
    if (e instanceof StatusError && e.status.code === 401) return info;
    throw e;
  }
  info.authenticated = true;
  const token = csrf ?? auth.session?.csrf;
  if (token) info.csrfToken = token;
  return info;
}

/**
 * Sign-in and sign-out. `sessionView` is public (it says whether one is signed in);
 * `sessionCreate` checks a token with the cluster (SelfSubjectReview) before keeping it in an
 * HttpOnly cookie; embedded mode may also switch to one of the sandbox's example users.
 */
export function registerSessionRoutes(router: Router, ctx: AppContext): void {
  // Public: answers before `route()`'s sign-in requirement.
  router.get(endpoints.sessionView.path, async (req: Request, res) => {
    res.json(await sessionInfo(ctx, req.auth));
  });

  router.post(
    endpoints.sessionCreate.path,
    rateLimit(ctx.env.LOGIN_RATE_PER_MINUTE, 'sign-in attempts'),
  );
  router.post(endpoints.sessionCreate.path, async (req: Request, res) => {
    const parsed = endpoints.sessionCreate.body?.safeParse(req.body);
    if (!parsed?.success) {
      throw statusErrors.invalid('the sign-in request', [
        { reason: 'FieldValueRequired', field: 'token', message: 'Required value: a bearer token' },
      ]);
    }
    const body = parsed.data;
    let fields;
    if ('token' in body) {
      const identity = tokenIdentity(body.token);
      try {
        await ctx.reviewer.whoami(identity);
      } catch (e) {
        if (e instanceof StatusError && e.status.code === 401) {
          throw statusErrors.unauthorized('the token was not accepted by the cluster');
        }
        throw e;
      }
      fields = { token: body.token };
    } else {
      if (!ctx.sandbox)
        throw statusErrors.forbidden('switching users is only possible with the embedded sandbox');
      if (!ctx.sandbox.users.some((u) => u.username === body.user)) {
        throw statusErrors.invalid('the sign-in request', [
          {
            reason: 'FieldValueNotSupported',
            field: 'user',
            message: `Unsupported value: "${body.user}"`,
          },
        ]);
      }
      fields = { sandboxUser: body.user };
    }
    const session = newSession(ctx, fields);
    setSessionCookie(ctx, req, res, session);
    const token =
      session.token ??
      ctx.sandbox?.users.find((u) => u.username === session.sandboxUser)?.token ??
      '';
    const auth: RequestAuth = { identity: tokenIdentity(token), source: 'cookie', session };
    res.json(await sessionInfo(ctx, auth, session.csrf));
  });

  route(router, endpoints.sessionDelete, async ({ req, res, auth }) => {
    ctx.reviewer.forget(auth.identity);
    clearSessionCookie(ctx, res);
    return sessionInfo(ctx, undefined, req.auth?.session?.csrf);
  });
}
