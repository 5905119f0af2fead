import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import type { Identity } from '../auth/identity.ts';
import type { Cluster } from './cluster.ts';
import { makeStatus, parseStatus, StatusError, statusForCode } from './status.ts';

export interface UpstreamOptions {
  /** Subprotocols offered to the API server. */
  protocols: string[];
  /** Sent as `User-Agent` (DVP records it as the session's `client`). */
  userAgent: string;
  /** Default 15 s. */
  handshakeTimeoutMs?: number;
  /** Largest frame accepted from the cluster. Default 64 MiB. */
  maxPayload?: number;
  /** Aborts the handshake (the browser went away, the BFF is closing). */
  signal?: AbortSignal;
}

const MAX_REFUSAL_BODY = 64 * 1024;

/**
 * Opens a websocket to the API server at `path` as `identity` (the user's token, or the BFF's
 * certificate with impersonation headers, exactly as `Cluster.requestOptions` builds them).
 * Resolves once the upgrade succeeded, with the socket paused (call `resume()` when wired). When the cluster answers the upgrade with an HTTP error
 * instead (403, 404, "VirtualMachine is not Running"), rejects with a `StatusError` carrying the
 * cluster's own Status and code; an unreachable cluster is 503, a stuck handshake 504.
 */
export async function connectUpstream(
  cluster: Cluster,
  identity: Identity,
  path: string,
  opts: UpstreamOptions,
): Promise<WebSocket> {
  const ro = await cluster.requestOptions(identity);
  const url = new URL(cluster.server.href);
  url.protocol = cluster.secure ? 'wss:' : 'ws:';
  url.pathname = `${ro.path ?? ''}${path}`;
  url.search = '';
  const ws = new WebSocket(url, opts.protocols, {
    ca: ro.ca,
    cert: ro.cert,
    key: ro.key,
    rejectUnauthorized: ro.rejectUnauthorized,
    // ws hands these options to tls.connect (servername included; its types omit it).
    ...(ro.servername ? ({ servername: ro.servername } as object) : {}),
    headers: {
      ...(ro.headers as Record<string, string>),
      'User-Agent': opts.userAgent,
    },
    handshakeTimeout: opts.handshakeTimeoutMs ?? 15_000,
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: opts.maxPayload ?? 64 * 1024 * 1024,
  });
  return new Promise<WebSocket>((resolve, reject) => {
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (err === undefined) resolve(ws);
      else reject(err);
    };
    const onAbort = () => {
      ws.terminate();
      settle(new StatusError(makeStatus(503, 'ServiceUnavailable', 'the connection was aborted')));
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    ws.once('open', () => {
      // Nothing may be lost before the caller wires the socket up: it resumes reading.
      ws.pause();
      settle();
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      readRefusal(res).then(
        (status) => {
          ws.terminate();
          settle(new StatusError(status));
        },
        () => {
          ws.terminate();
          settle(new StatusError(statusForCode(res.statusCode ?? 502, '')));
        },
      );
    });
    ws.on('error', (e: Error & { code?: string }) => {
      if (settled) return;
      if (/handshake has timed out/i.test(e.message)) {
        settle(
          new StatusError(
            makeStatus(504, 'Timeout', 'the cluster did not complete the websocket upgrade'),
          ),
        );
        return;
      }
      // Never the error's own text (it can name internal addresses); the code is enough.
      const code = e.code ?? (e.message.startsWith('Server sent') ? 'bad handshake' : 'error');
      settle(
        new StatusError(
          makeStatus(
            503,
            'ServiceUnavailable',
            `the cluster's API server refused or failed the websocket (${code})`,
          ),
        ),
      );
    });
  });
}

/** The cluster's Status from a refused upgrade (or one made from its code and text). */
function readRefusal(res: IncomingMessage): Promise<ReturnType<typeof statusForCode>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REFUSAL_BODY) chunks.push(c);
    });
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const code = res.statusCode ?? 502;
      resolve(parseStatus(text) ?? statusForCode(code, text));
    });
    res.on('error', reject);
  });
}
