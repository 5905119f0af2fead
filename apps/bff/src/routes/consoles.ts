import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import { WebSocketServer } from 'ws';
import { CONSOLE_PATH, endpoints, type ConsoleHolder, type Status } from '@dvp/api';
import { originAllowed, resolveAuth } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http/endpoint.ts';
import { makeStatus, StatusError, statusErrors } from '../k8s/status.ts';
import { ProxyCloseCodes, WsProxy, type ProxyKind } from '../k8s/ws-proxy.ts';
import { connectUpstream } from '../k8s/ws-upstream.ts';

/**
 * Serial console and VNC (dvp-api.md §14): websocket upgrades of
 * `/api/v1/namespaces/:namespace/virtualmachines/:name/{console,vnc}` are checked here (Origin,
 * then sign-in) BEFORE any upgrade, then proxied to the cluster's
 * `subresources.virtualization.deckhouse.io` stream as the user. A refusal by the cluster (403,
 * 404, "VirtualMachine is not Running or Migrating") is answered with the cluster's HTTP status
 * and Status body, without upgrading. `GET …?probe=true` answers who holds the session.
 */

const SUBRESOURCES = '/apis/subresources.virtualization.deckhouse.io/v1alpha2';

/**
 * Subprotocols a browser may ask for: KubeVirt's, DVP's d8 client's and noVNC's `binary` (all
 * mean raw binary frames). Upstream the BFF offers only KubeVirt's, the one every DVP version's
 * upgrader echoes (a Node/browser client fails a handshake whose offer is not echoed).
 */
const BROWSER_PROTOCOLS = ['plain.kubevirt.io', 'plain.virtualization.deckhouse.io', 'binary'];
const UPSTREAM_PROTOCOLS = ['plain.kubevirt.io'];

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** `CONSOLE_PATH` with `console|vnc` as the last segment. */
const STREAM_PATH = new RegExp(
  `^${CONSOLE_PATH.replace(':namespace', '([^/]+)')
    .replace(':name', '([^/]+)')
    .replace(/\/console$/, '/(console|vnc)')}$`,
);

const probeEndpoints = {
  console: endpoints.vmConsoleProbe,
  vnc: endpoints.vmVncProbe,
};

function streamPath(namespace: string, name: string, kind: ProxyKind): string {
  return `${SUBRESOURCES}/namespaces/${encodeURIComponent(namespace)}/virtualmachines/${encodeURIComponent(name)}/${kind}`;
}

/** Answers a refused upgrade with a Status body and closes the socket. */
function refuse(socket: Duplex, status: Status, requestId?: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      (requestId ? `X-Request-Id: ${requestId}\r\n` : '') +
      'Connection: close\r\n\r\n' +
      body,
  );
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function registerConsoleRoutes(
  router: Router,
  ctx: AppContext,
): {
  /** Handles an upgrade request under the API prefix; false when the path is not a console. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): boolean;
  close(): void;
} {
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // Keystrokes, pointer events and clipboard text: small.
    maxPayload: 4 * 1024 * 1024,
  });
  const sessions = new Set<WsProxy>();
  const handshakes = new Set<AbortController>();
  let closing = false;

  for (const kind of ['console', 'vnc'] as const) {
    route(router, probeEndpoints[kind], async ({ params, query, auth, signal }) => {
      if (query.probe !== 'true') {
        throw statusErrors.badRequest(
          'Upgrade request required: open a websocket here, or GET with ?probe=true to see who holds the session',
        );
      }
      return ctx.rest.request<ConsoleHolder>(auth.identity, {
        path: streamPath(params.namespace, params.name, kind),
        query: { probe: 'true' },
        signal,
      });
    });
  }

  async function open(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    target: { namespace: string; name: string; kind: ProxyKind },
  ): Promise<void> {
    if (closing) throw statusErrors.unavailable('the server is shutting down');
    if (req.method !== 'GET')
      throw new StatusError(makeStatus(405, 'MethodNotAllowed', 'websockets open with GET'));
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(ctx, req, origin))
      throw statusErrors.forbidden(`websocket connections from origin ${origin} are not allowed`);
    const { auth, fresh } = resolveAuth(ctx, req);
    // A new embedded-mode session is not enough: consoles open from a signed-in page.
    if (!auth || fresh) throw statusErrors.unauthorized('sign in before opening a console');
    if (origin === undefined && auth.source !== 'bearer')
      throw statusErrors.forbidden(
        'a websocket without an Origin header must authenticate with a bearer token',
      );
    const offered = (req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (offered.length > 0 && !offered.some((p) => BROWSER_PROTOCOLS.includes(p)))
      throw statusErrors.badRequest(
        `unsupported websocket subprotocol: offer one of ${BROWSER_PROTOCOLS.join(', ')} (or none)`,
      );

    const abort = new AbortController();
    const onGone = () => abort.abort();
    socket.once('close', onGone);
    handshakes.add(abort);
    let upstream;
    try {
      const browserAgent = req.headers['user-agent'] ?? 'unknown client';
      upstream = await connectUpstream(
        ctx.cluster,
        auth.identity,
        streamPath(target.namespace, target.name, target.kind),
        {
          protocols: UPSTREAM_PROTOCOLS,
          // DVP shows this as the session's client (≤ 128 characters).
          userAgent: `dvp-console (${browserAgent})`.slice(0, 128),
          signal: abort.signal,
        },
      );
    } finally {
      handshakes.delete(abort);
      socket.off('close', onGone);
    }
    if (socket.destroyed || closing) {
      upstream.terminate();
      if (closing) throw statusErrors.unavailable('the server is shutting down');
      return;
    }
    const cluster = upstream;
    wss.handleUpgrade(req, socket, head, (browser) => {
      const started = Date.now();
      const proxy = new WsProxy(browser, cluster, {
        kind: target.kind,
        idleMs: ctx.env.CONSOLE_IDLE_SECONDS * 1000,
        maxMs: ctx.env.CONSOLE_MAX_SECONDS * 1000,
        metrics: ctx.metrics,
        onEnd: ({ code, reason }) => {
          sessions.delete(proxy);
          ctx.logger.info('console session ended', {
            ...target,
            code,
            reason,
            seconds: Math.round((Date.now() - started) / 1000),
          });
        },
      });
      sessions.add(proxy);
      ctx.logger.info('console session opened', { ...target, identity: auth.identity.key });
    });
  }

  return {
    upgrade(req, socket, head, path) {
      const m = STREAM_PATH.exec(path);
      if (!m) return false;
      socket.on('error', () => undefined);
      const namespace = decode(m[1] ?? '');
      const name = decode(m[2] ?? '');
      const kind = m[3] as ProxyKind;
      if (!namespace || !name || !NAMESPACE.test(namespace) || !NAME.test(name)) {
        refuse(
          socket,
          statusErrors.notFound('the server could not find the requested resource').status,
        );
        return true;
      }
      open(req, socket, head, { namespace, name, kind }).catch((e: unknown) => {
        if (e instanceof StatusError) return refuse(socket, e.status);
        const id = randomUUID();
        ctx.logger.error('console upgrade failed', {
          reqId: id,
          error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        });
        refuse(socket, makeStatus(500, 'InternalError', `internal error (request id ${id})`), id);
      });
      return true;
    },
    close() {
      closing = true;
      for (const a of handshakes) a.abort();
      for (const s of sessions)
        s.close(ProxyCloseCodes.shutdown, 'the console server is restarting');
      sessions.clear();
      wss.close();
    },
  };
}
