import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticate } from './auth/middleware.ts';
import type { AppContext } from './context.ts';
import { errorHandler } from './http/errors.ts';
import './http/types.ts';
import { makeStatus, statusErrors } from './k8s/status.ts';
import { registerConsoleRoutes } from './routes/consoles.ts';
import { registerMeRoutes } from './routes/me.ts';
import { registerOpsRoutes } from './routes/ops.ts';
import { registerCatalogueRoutes } from './routes/catalogue.ts';
import { registerPlacementRoutes } from './routes/placement.ts';
import { registerProjectRoutes } from './routes/projects.ts';
import { registerResourceRoutes } from './routes/resources.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerStaticRoutes } from './routes/static.ts';
import { registerStreamRoutes } from './routes/stream.ts';
import { registerUploadRoutes } from './routes/uploads.ts';
import { registerVmRoutes } from './routes/vms.ts';
import { rejectDeepJson, securityHeaders } from './http/security.ts';

export interface App {
  /** The request handler (never listens: `server.ts` or a test does). */
  handler: express.Express;
  /** Websocket upgrades (consoles); refuses anything else. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The server's `clientError`: requests Node cannot parse still get a Status answer. */
  clientError(err: Error & { code?: string }, socket: Duplex): void;
  /** Ends streams, console sessions and uploads held by this app. */
  close(): void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Builds the BFF (style.md §1: `createApp(deps)`, never listens). */
export function createApp(ctx: AppContext): App {
  const base = ctx.env.BASE_PATH;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (ctx.env.TRUST_PROXY) app.set('trust proxy', ctx.env.TRUST_PROXY);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const seconds = (performance.now() - started) / 1000;
      ctx.metrics.httpDuration.observe(
        { method: req.method, route, code: String(res.statusCode) },
        seconds,
      );
      // One line per request; probes only at debug. Never headers or the query (tokens).
      // originalUrl: mounted routers rewrite req.url while they run.
      const path = req.originalUrl.split('?')[0] ?? '';
      const probe = OPS_PATHS.has(path.slice(base.length));
      ctx.logger[probe ? 'debug' : 'info']('request', {
        reqId: req.id,
        method: req.method,
        route,
        path,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      });
    });
    next();
  });
  app.use(securityHeaders(ctx));
  registerOpsRoutes(app, ctx);

  const api = express.Router();
  api.use(
    express.json({
      limit: ctx.env.BODY_LIMIT_BYTES,
      type: ['application/json', 'application/merge-patch+json'],
      strict: true,
    }),
  );
  api.use(rejectDeepJson);
  api.use(authenticate(ctx));
  registerSessionRoutes(api, ctx);
  registerMeRoutes(api, ctx);
  registerProjectRoutes(api, ctx);
  registerVmRoutes(api, ctx);
  // Before the generic `/cluster/:resource` routes, which would take `vm-placement` for a kind.
  registerPlacementRoutes(api, ctx);
  registerCatalogueRoutes(api, ctx);
  const consoles = registerConsoleRoutes(api, ctx);
  const uploads = registerUploadRoutes(api, ctx);
  const stream = registerStreamRoutes(api, ctx);
  registerResourceRoutes(api, ctx);
  api.use(() => {
    throw statusErrors.notFound('the server could not find the requested resource');
  });
  // Mounted at the base path; routes carry their full `/api/...` paths (as in the contract).
  app.use(base || '/', (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) api(req, res, next);
    else next();
  });
  registerStaticRoutes(app, ctx);
  app.use(() => {
    throw statusErrors.notFound('the server could not find the requested resource');
  });
  app.use(errorHandler(ctx.logger));

  return {
    handler: app,
    upgrade(req, socket, head) {
      // An upgrade socket is not read by Node. Once an answer is written and ended (a refusal,
      // or a closed websocket), drain what the client still sends (e.g. a body): otherwise a
      // client blocked writing and a server waiting for its FIN hold the socket open forever.
      socket.once('finish', () => {
        socket.resume();
        setTimeout(() => socket.destroy(), 10_000).unref();
      });
      const path = new URL(req.url ?? '/', 'http://bff.invalid').pathname;
      const apiPrefix = `${base}/api/`;
      if (
        path.startsWith(apiPrefix) &&
        consoles.upgrade(req, socket, head, path.slice(base.length))
      ) {
        return;
      }
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    },
    clientError(err, socket) {
      // Node's default answers a bare 400 with no body; ours is a Status like every error.
      if (err.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
      }
      const [code, reason, message] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'BadRequest' as const, 'the request headers are too large']
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Timeout' as const, 'the request took too long to arrive']
            : [400, 'BadRequest' as const, 'the request is not valid HTTP'];
      // A HEAD answer has no body (the client would take it for the next response).
      // The request line is the last one before where parsing stopped (keep-alive packets may
      // start with the end of an earlier request).
      const { rawPacket, bytesParsed } = err as { rawPacket?: Buffer; bytesParsed?: number };
      const seen = rawPacket?.subarray(0, bytesParsed ?? rawPacket.length).toString('latin1');
      const head = [...(seen ?? '').matchAll(/(?:^|\n)([A-Z]{3,7}) \//g)].at(-1)?.[1] === 'HEAD';
      const body = head ? '' : JSON.stringify(makeStatus(code, reason, message));
      socket.end(
        `HTTP/1.1 ${code} ${STATUS_CODES[code]}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    close() {
      stream.close();
      consoles.close();
      uploads.close();
    },
  };
}
