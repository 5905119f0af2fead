import type { Express } from 'express';
import type { AppContext } from '../context.ts';

/** `/healthz`, `/readyz`, `/metrics` (outside the API, no session). */
export function registerOpsRoutes(app: Express, ctx: AppContext): void {
  app.get(`${ctx.env.BASE_PATH}/healthz`, (_req, res) => {
    res.type('text/plain').send('ok');
  });
  app.get(`${ctx.env.BASE_PATH}/readyz`, async (_req, res) => {
    try {
      await ctx.rest.request(ctx.serviceIdentity, { path: '/version', timeoutMs: 5000 });
      res.type('text/plain').send('ok');
    } catch {
      res.status(503).type('text/plain').send('the cluster API is unreachable');
    }
  });
  app.get(`${ctx.env.BASE_PATH}/metrics`, async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
