import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { CloseCodes, type StreamClient, type StreamSession } from './client.ts';

/** The VNC session of one client. */
export interface VncAttachment {
  /** Sends RFB bytes from the client to QEMU. */
  write(data: Buffer): void;
  /** Ends this session (a no-op once another client took over). */
  detach(): void;
  /** The session record. */
  session: StreamSession;
}

/** Who connects: the authenticated user and their client (User-Agent). */
export interface VncRequester {
  user: string;
  client?: string;
}

interface Current {
  client: StreamClient;
  socket: Socket;
  session: StreamSession;
}

/**
 * The guest's VNC console, one writer at a time: a new client takes the session over and the
 * previous holder is disconnected with a close reason naming the new holder. Each session gets
 * its own connection to QEMU's VNC socket (RFB state is per connection), so the next holder
 * starts with a fresh handshake. Emits `preempted` with `{previous, next}` (DVP's
 * VNCSessionPreempted event).
 */
export class VncSessions extends EventEmitter {
  private current: Current | undefined;
  private closed = false;

  constructor(private readonly socketPath: string) {
    super();
  }

  /** The current holder (`undefined` when free), as DVP's `probe` answers it. */
  probe(): StreamSession | undefined {
    return this.current?.session;
  }

  /** Opens a session for `who`, taking it over from the current holder if any. */
  async attach(client: StreamClient, who: VncRequester): Promise<VncAttachment> {
    if (this.closed) {
      client.close(CloseCodes.guestGone, 'guest is not running');
      throw new Error('guest is not running');
    }
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = createConnection(this.socketPath);
      s.once('connect', () => {
        s.off('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    }).catch((err: Error) => {
      client.close(CloseCodes.unavailable, `VNC unavailable: ${err.message}`);
      throw err;
    });
    const session: StreamSession = {
      holder: who.user,
      startTime: new Date().toISOString(),
      client: (who.client ?? 'unknown').slice(0, 128),
    };
    const previous = this.current;
    const me: Current = { client, socket, session };
    this.current = me;
    if (previous) {
      previous.socket.destroy();
      previous.client.close(
        CloseCodes.takenOver,
        `VNC session taken over by ${session.holder} (${session.client})`,
      );
      this.emit('preempted', { previous: previous.session, next: session });
    }
    socket.on('data', (chunk: Buffer) => client.send(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.current !== me) return; // taken over: the client was already told
      this.current = undefined;
      client.close(CloseCodes.guestGone, 'VNC server closed the connection');
    });
    return {
      session,
      write: (data) => {
        if (this.current === me) socket.write(data);
      },
      detach: () => {
        if (this.current !== me) return;
        this.current = undefined;
        socket.destroy();
      },
    };
  }

  /** Ends the current session (guest stopped, agent detaching). */
  close(reason: string): void {
    this.closed = true;
    const c = this.current;
    this.current = undefined;
    if (c) {
      c.socket.destroy();
      c.client.close(CloseCodes.guestGone, reason);
    }
  }
}
