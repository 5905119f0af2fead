import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Guest } from '@dvp/hypervisor-agent/guest/guest';
import {
  addHostForward,
  netdevOf,
  removeHostForward,
  type HostForward,
} from '@dvp/hypervisor-agent/guest/host-forward';
import { errors } from '../../errors.ts';
import { KEEPALIVE, keepAlive } from './keepalive.ts';

/** Subprotocols echoed to clients: KubeVirt's, DVP's d8 client's, and `binary`. */
const SUBPROTOCOLS = ['plain.kubevirt.io', 'plain.virtualization.deckhouse.io', 'binary'];
/** Frames queued towards a client before the guest connection is paused. */
const HIGH_WATER = 32;
/** How long a half-closed guest connection may take to flush before it is destroyed. */
const LINGER_MS = 5000;

/** The validated query of a `portforward` request. */
export interface PortForwardOptions {
  port: number;
  protocol: 'tcp';
}

/** Validates `port` (1–65535, required) and `protocol` (`tcp` default; `udp` is refused). */
export function parsePortForwardOptions(q: URLSearchParams): PortForwardOptions {
  const raw = q.get('port');
  const range = 'an integer between 1 and 65535';
  if (raw === null || raw === '')
    throw errors.badRequest(
      `query parameter "port" is required: the guest port to forward, ${range}`,
    );
  if (!/^\d+$/.test(raw))
    throw errors.badRequest(`port ${JSON.stringify(raw)} is not valid: it must be ${range}`);
  const port = Number(raw);
  if (port < 1 || port > 65535)
    throw errors.badRequest(`port ${raw} is out of range: it must be ${range}`);
  const protocol = q.get('protocol') || 'tcp';
  if (protocol === 'udp') {
    throw errors.badRequest(
      'UDP port forwarding is not available in the sandbox (its guests have no UDP forwarding path to a websocket); forward a TCP port with protocol=tcp',
    );
  }
  if (protocol !== 'tcp')
    throw errors.badRequest(`protocol ${JSON.stringify(protocol)} is not valid: use tcp or udp`);
  return { port, protocol };
}

interface ForwardEntry {
  key: string;
  guest: Guest;
  refs: number;
  ready: Promise<HostForward>;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function connectTcp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const tcp = connect({ host: '127.0.0.1', port });
    tcp.once('connect', () => {
      tcp.off('error', reject);
      tcp.on('error', () => undefined); // reported by the splice's own handler
      resolve(tcp);
    });
    tcp.once('error', reject);
  });
}

/**
 * Port forwarding to running guests (KubeVirt's `portforward` behind virtualization-api): each
 * websocket is one TCP connection to a guest port, carried in binary frames both ways (text
 * frames are dropped). The guest's QEMU forwards a free loopback port to the guest port
 * (`hostfwd_add` on the `main` NIC); the forward is shared by the sessions on that port and
 * removed when the last one closes. Clients are pinged every second and dropped after a minute
 * without pong, as KubeVirt's websocket streamer does.
 */
export class PortForwards {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  private readonly forwards = new Map<string, ForwardEntry>();
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly keepalive: { intervalMs: number; timeoutMs: number } = KEEPALIVE) {}

  /** Forwards the port, connects to it, then completes the websocket handshake and splices. */
  async open(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    guest: Guest,
    opts: PortForwardOptions,
  ): Promise<void> {
    try {
      netdevOf(guest.spec.nics);
    } catch (e) {
      throw errors.badRequest(`cannot forward port ${opts.port}: ${(e as Error).message}`);
    }
    const entry = this.acquire(guest, opts);
    let tcp: Socket;
    try {
      const fwd = await entry.ready;
      tcp = await connectTcp(fwd.hostPort);
    } catch (e) {
      this.release(entry);
      throw errors.internal(
        `could not forward port ${opts.port} of the guest: ${(e as Error).message}`,
      );
    }
    let upgraded = false;
    // DVP serves portforward on POST (RBAC create) as well as GET; the websocket handshake is
    // the same, but `ws` only completes it for GET, so an authorized POST is treated as one.
    if (req.method === 'POST') req.method = 'GET';
    if (socket.readable && socket.writable) {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        upgraded = true;
        this.splice(ws, tcp, entry, opts.port);
      });
    }
    if (!upgraded) {
      // The client left, or its handshake was refused (ws answered it): nothing to splice.
      tcp.destroy();
      this.release(entry);
    }
  }

  private acquire(guest: Guest, opts: PortForwardOptions): ForwardEntry {
    const key = `${guest.id}/${opts.protocol}/${opts.port}`;
    let entry = this.forwards.get(key);
    if (!entry || entry.guest !== guest) {
      const ready = addHostForward(guest, { guestPort: opts.port, protocol: opts.protocol });
      entry = { key, guest, refs: 0, ready };
      this.forwards.set(key, entry);
      ready.catch(() => {
        if (this.forwards.get(key) === entry) this.forwards.delete(key);
      });
    }
    entry.refs++;
    return entry;
  }

  private release(entry: ForwardEntry): void {
    if (--entry.refs > 0) return;
    if (this.forwards.get(entry.key) === entry) this.forwards.delete(entry.key);
    void entry.ready
      .then((fwd) => (entry.guest.isAlive() ? removeHostForward(entry.guest, fwd) : undefined))
      .catch((e: unknown) => {
        if (entry.guest.isAlive())
          console.error(`[subresources] removing forward ${entry.key}: ${(e as Error).message}`);
      });
  }

  private splice(ws: WebSocket, tcp: Socket, entry: ForwardEntry, port: number): void {
    this.sockets.add(ws);
    keepAlive(ws, this.keepalive);
    let inflight = 0;
    let received = 0;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary || tcp.destroyed) return;
      if (!tcp.write(toBuffer(data))) {
        ws.pause();
        tcp.once('drain', () => ws.resume());
      }
    });
    tcp.on('data', (chunk: Buffer) => {
      received += chunk.length;
      inflight++;
      if (inflight >= HIGH_WATER) tcp.pause();
      ws.send(chunk, { binary: true }, () => {
        if (--inflight < HIGH_WATER && tcp.isPaused()) tcp.resume();
      });
    });
    tcp.on('end', () =>
      ws.close(
        1000,
        received > 0
          ? `the guest closed the connection to port ${port}`
          : `the guest closed the connection to port ${port} at once: is anything listening on it?`,
      ),
    );
    tcp.on('error', (e) =>
      ws.close(1011, `connection to port ${port} of the guest failed: ${e.message}`.slice(0, 123)),
    );
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (!tcp.destroyed) {
        tcp.end();
        setTimeout(() => tcp.destroy(), LINGER_MS).unref();
      }
      this.release(entry);
    });
  }

  /** Closes every forwarding session (the API server is stopping). */
  close(): void {
    for (const ws of this.sockets) ws.close(1001, 'API server shutting down');
    this.wss.close();
  }
}
