import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.ts';
import type { AppContext } from './context.ts';

/** A BFF serving HTTP (and websocket upgrades) for one context. */
export interface RunningBff {
  /** `http://host:port` (without BASE_PATH). */
  origin: string;
  port: number;
  app: App;
  server: Server;
  ctx: AppContext;
  /** Ends streams, sessions and uploads, the shared watches and the listener (not the cluster). */
  stop(): Promise<void>;
}

/** Builds the app for `ctx` and listens on `host:port` (0 = a free port). */
export async function listenBff(ctx: AppContext, host: string, port: number): Promise<RunningBff> {
  const app = createApp(ctx);
  const server = createServer(app.handler);
  server.on('upgrade', (req, socket, head: Buffer) => app.upgrade(req, socket, head));
  server.on('clientError', (err: Error, socket) => app.clientError(err, socket));
  server.keepAliveTimeout = 65_000;
  // Image uploads stream one request body for as long as the file takes: no whole-request limit.
  // Slow-header clients are still cut by `headersTimeout` (60 s).
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    app,
    server,
    ctx,
    async stop() {
      app.close();
      // The shared watches first, so none is reconnecting while the cluster goes away.
      ctx.cache.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
