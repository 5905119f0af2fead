import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Guest } from '../guest/guest.ts';
import { CloseCodes, type StreamClient } from './client.ts';

/** Subprotocols accepted from clients: noVNC/xterm (`binary`), KubeVirt and DVP clients. */
export const CONSOLE_SUBPROTOCOLS = [
  'binary',
  'plain.kubevirt.io',
  'plain.virtualization.deckhouse.io',
] as const;

/** Options of {@link ConsoleServer.listen}. */
export interface ConsoleServerOptions {
  /** Finds the guest for an id (usually `agent.get`). */
  resolveGuest: (id: string) => Guest | undefined;
  /** Port on 127.0.0.1 (0 = any free port). */
  port?: number;
}

/**
 * Serves guest consoles as websockets on loopback only:
 * `ws://127.0.0.1:PORT/guests/<id>/serial[?scrollback=BYTES]` and `/guests/<id>/vnc`, plus a
 * plain `GET /guests/<id>/vnc?probe=true` answering the VNC holder as DVP's probe does.
 * The caller identifies the user with `X-Remote-User` (set by the sandbox proxy) and the client
 * with `User-Agent`. Payload is binary frames both ways.
 */
export class ConsoleServer {
  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    /** The bound port on 127.0.0.1. */
    readonly port: number,
  ) {}

  /** Starts listening on 127.0.0.1. */
  static async listen(opts: ConsoleServerOptions): Promise<ConsoleServer> {
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (offered) => CONSOLE_SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
    });
    const http = createServer((req, res) => probe(req, res, opts));
    http.on('upgrade', (req: IncomingMessage, socket, head) => {
      const route = parseRoute(req.url);
      const guest = route && opts.resolveGuest(route.id);
      if (!route || !guest) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        void serve(ws, req, guest, route.kind, route.params).catch(() => undefined);
      });
    });
    await new Promise<void>((resolve) => http.listen(opts.port ?? 0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    return new ConsoleServer(http, wss, port);
  }

  /** The websocket URL of a guest's console. */
  url(guestId: string, kind: 'serial' | 'vnc'): string {
    return `ws://127.0.0.1:${this.port}/guests/${encodeURIComponent(guestId)}/${kind}`;
  }

  /** Closes every console connection and stops listening. */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.close(CloseCodes.guestGone, 'console server closing');
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }
}

interface Route {
  id: string;
  kind: 'serial' | 'vnc';
  params: URLSearchParams;
}

function parseRoute(url: string | undefined): Route | undefined {
  const u = new URL(url ?? '/', 'http://localhost');
  const m = /^\/guests\/([^/]+)\/(serial|vnc)$/.exec(u.pathname);
  if (!m?.[1] || !m[2]) return undefined;
  return { id: decodeURIComponent(m[1]), kind: m[2] as Route['kind'], params: u.searchParams };
}

function probe(req: IncomingMessage, res: ServerResponse, opts: ConsoleServerOptions): void {
  const route = parseRoute(req.url);
  const guest = route && opts.resolveGuest(route.id);
  if (!route || !guest) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('guest not found');
    return;
  }
  if (route.kind !== 'vnc' || route.params.get('probe') !== 'true') {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Upgrade request required');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(guest.vnc.probe() ?? {}));
}

/** Adapts a websocket to the agent's stream client interface. */
export function websocketClient(ws: WebSocket): StreamClient {
  return {
    send: (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    },
    close: (code, reason) => {
      // Close reasons are limited to 123 bytes by RFC 6455.
      const r = Buffer.from(reason).subarray(0, 123).toString('utf8');
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, r);
    },
  };
}

async function serve(
  ws: WebSocket,
  req: IncomingMessage,
  guest: Guest,
  kind: 'serial' | 'vnc',
  params: URLSearchParams,
): Promise<void> {
  const client = websocketClient(ws);
  const pending: Buffer[] = [];
  let write: (data: Buffer) => void = (d) => pending.push(d);
  let detach = () => undefined as void;
  ws.on('message', (data: RawData) => write(toBuffer(data)));
  ws.on('close', () => detach());
  if (kind === 'serial') {
    const scrollback = Number(params.get('scrollback') ?? 0);
    const a = await guest.serial.attach(client, {
      scrollbackBytes: Number.isFinite(scrollback) ? Math.min(scrollback, 1 << 20) : 0,
    });
    write = (d) => a.write(d);
    detach = () => a.detach();
  } else {
    const user = headerValue(req.headers['x-remote-user']) ?? params.get('user') ?? 'anonymous';
    const a = await guest.vnc.attach(client, {
      user,
      client: headerValue(req.headers['user-agent']) ?? 'unknown',
    });
    write = (d) => a.write(d);
    detach = () => a.detach();
  }
  for (const d of pending.splice(0)) write(d);
  if (ws.readyState !== ws.OPEN) detach();
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
