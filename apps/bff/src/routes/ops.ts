import type { ApiResourceName } from '@dvp/api';
import type { Express, Request, Response } from 'express';
import type { AppContext } from '../context.ts';
import type { InformerState } from '../k8s/informer.ts';
import { makeStatus, StatusError } from '../k8s/status.ts';

/** How long a kind may keep retrying (or listing) before the cache counts as stuck. */
export const CACHE_STUCK_MS = 60_000;

/** Since when each cached kind has been in its current state (watched through its informer). */
export class CacheStateClock {
  private readonly since = new Map<string, { state: InformerState; at: number }>();

  constructor(private readonly ctx: Pick<AppContext, 'cache'>) {}

  /** Kinds stuck in `backoff`/`listing` (or stopped), with how long, as of `now`. */
  stuck(now = Date.now(), stuckMs = CACHE_STUCK_MS): { kind: string; state: string; ms: number }[] {
    const out = [];
    for (const [kind, state] of Object.entries(this.ctx.cache.states())) {
      const entry = this.track(kind, state as InformerState, now);
      const ms = now - entry.at;
      const retrying = state === 'backoff' || state === 'listing';
      if (state === 'stopped' || (retrying && ms >= stuckMs)) out.push({ kind, state, ms });
    }
    return out;
  }

  private track(kind: string, state: InformerState, now: number) {
    let entry = this.since.get(kind);
    if (!entry) {
      entry = { state, at: now };
      this.since.set(kind, entry);
      const clock = entry;
      // The kind is in `states()`, so this returns its existing informer (never starts one).
      this.ctx.cache.informer(kind as ApiResourceName).on('state', (s) => {
        if (s !== clock.state) Object.assign(clock, { state: s, at: Date.now() });
      });
    } else if (entry.state !== state) {
      Object.assign(entry, { state, at: now });
    }
    return entry;
  }
}

/**
 * `/healthz` (the process answers), `/readyz` (the cluster answers the BFF and no cached kind
 * is stuck retrying), `/metrics` (Prometheus). Under BASE_PATH, outside the API: no session.
 */
export function registerOpsRoutes(app: Express, ctx: AppContext): void {
  const base = ctx.env.BASE_PATH;
  const clock = new CacheStateClock(ctx);

  app.get(`${base}/healthz`, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/plain').send('ok');
  });

  app.get(`${base}/readyz`, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    const problems: string[] = [];
    try {
      await ctx.rest.request(ctx.serviceIdentity, { path: '/version', timeoutMs: 5000 });
    } catch (e) {
      const why = e instanceof StatusError ? e.status.message : 'no answer';
      problems.push(`the cluster API does not answer: ${why}`);
    }
    for (const s of clock.stuck()) {
      problems.push(`the ${s.kind} cache is ${s.state} for ${Math.round(s.ms / 1000)} s`);
    }
    if (problems.length === 0) {
      res.type('text/plain').send('ok');
      return;
    }
    ctx.logger.warn('not ready', { reqId: req.id, problems });
    // A Status (the one error shape) that also carries every cached kind's state.
    res.status(503).json({
      ...makeStatus(503, 'ServiceUnavailable', `not ready: ${problems.join('; ')}`),
      cache: ctx.cache.states(),
    });
  });

  app.get(`${base}/metrics`, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
