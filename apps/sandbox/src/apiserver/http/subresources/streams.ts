import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCodes } from '@dvp/hypervisor-agent/streams/client';
import { websocketClient } from '@dvp/hypervisor-agent/streams/ws-server';
import type { Guest } from '@dvp/hypervisor-agent/guest/guest';
import type { KubeObject, UserInfo } from '../../types.ts';
import type { SubresourceDeps } from './vm.ts';
import { SessionLease, type StreamKind, type VirtualMachineSession } from './sessions.ts';

/** Subprotocols echoed to clients: KubeVirt's, DVP's d8 client's, and noVNC's `binary`. */
const SUBPROTOCOLS = ['plain.kubevirt.io', 'plain.virtualization.deckhouse.io', 'binary'];

interface Session {
  ws: WebSocket;
  lease: SessionLease;
}

const LABEL: Record<StreamKind, string> = { console: 'Console', vnc: 'VNC' };

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/**
 * The console and VNC streams of running guests, served as websockets on the API server
 * (virt-handler's behaviour behind virtualization-api): binary frames both ways (text frames
 * are dropped, as virt-handler's reader does), one session per VM and kind (a new connection
 * closes the previous one), each recorded as a session Lease.
 */
export class GuestStreams {
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: () => SubresourceDeps) {}

  /** Who holds `kind` of the VM, or undefined when free. */
  holder(kind: StreamKind, vm: KubeObject): VirtualMachineSession | undefined {
    return this.sessions.get(`${kind}/${vm.metadata.uid ?? ''}`)?.lease.session;
  }

  /** Completes the websocket handshake and splices the socket to the guest's stream. */
  open(
    kind: StreamKind,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    vm: KubeObject,
    guest: Guest,
    user: UserInfo,
  ): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const ua = req.headers['user-agent'] ?? 'unknown';
      this.serve(kind, ws, vm, guest, user.username, ua).catch((e: unknown) => {
        websocketClient(ws).close(CloseCodes.unavailable, (e as Error).message);
      });
    });
  }

  private async serve(
    kind: StreamKind,
    ws: WebSocket,
    vm: KubeObject,
    guest: Guest,
    user: string,
    ua: string,
  ): Promise<void> {
    const { client, events } = this.deps();
    const key = `${kind}/${vm.metadata.uid ?? ''}`;
    const lease = new SessionLease(client, kind, vm, user, ua);
    const me: Session = { ws, lease };
    const prev = this.sessions.get(key);
    this.sessions.set(key, me);
    const pending: Buffer[] = [];
    let write: (d: Buffer) => void = (d) => pending.push(d);
    let detach: () => void = () => undefined;
    let closed = false;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) write(toBuffer(data));
    });
    ws.on('close', () => {
      closed = true;
      detach();
      const current = this.sessions.get(key) === me;
      if (current) this.sessions.delete(key);
      void lease.release(current);
    });
    if (prev) {
      const s = lease.session;
      prev.ws.close(
        CloseCodes.takenOver,
        `${LABEL[kind]} session taken over by ${s.holder} (${s.client})`.slice(0, 123),
      );
      void prev.lease.release(false);
      if (prev.lease.session.holder !== user) {
        void events.record(
          vm,
          'Warning',
          `${LABEL[kind]}SessionPreempted`,
          `${LABEL[kind]} session of ${prev.lease.session.holder} (${prev.lease.session.client}) was taken over by ${user} (${s.client})`,
        );
      }
    }
    const streamClient = websocketClient(ws);
    if (kind === 'console') {
      const a = await guest.serial.attach(streamClient);
      [write, detach] = [(d) => a.write(d), () => a.detach()];
    } else {
      const a = await guest.vnc.attach(streamClient, { user, client: ua });
      [write, detach] = [(d) => a.write(d), () => a.detach()];
    }
    if (closed) {
      detach();
      return;
    }
    for (const d of pending.splice(0)) write(d);
    await lease.acquire();
  }

  /** Closes every stream (the API server is stopping). */
  close(): void {
    for (const s of this.sessions.values()) {
      s.ws.close(CloseCodes.guestGone, 'API server shutting down');
      void s.lease.release(false);
    }
    this.sessions.clear();
    this.wss.close();
  }
}
