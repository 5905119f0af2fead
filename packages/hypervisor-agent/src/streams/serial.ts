import { createConnection, type Socket } from 'node:net';
import { open } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { CloseCodes, type StreamClient } from './client.ts';

/** A client attached to the serial port. */
export interface SerialAttachment {
  /** Sends bytes (keystrokes) to the guest's serial port. */
  write(data: Buffer | string): void;
  /** Detaches this client; the others keep going. */
  detach(): void;
}

/**
 * Owns the guest's single serial chardev connection (QEMU serves one client at a time) and fans
 * its bytes out to any number of clients; any client may type. Output produced while no client
 * is attached is still in QEMU's `logfile=`, which serves as scrollback.
 */
export class SerialMux {
  private socket: Socket | undefined;
  private readonly clients = new Set<StreamClient>();
  private closed = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly socketPath: string,
    private readonly logPath: string,
  ) {}

  /** Number of attached clients. */
  get clientCount(): number {
    return this.clients.size;
  }

  /** Connects to QEMU's serial socket (retrying while QEMU starts); idempotent. */
  start(timeoutMs = 10_000): Promise<void> {
    this.connecting ??= this.connect(timeoutMs).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Attaches a client. With `scrollbackBytes`, it first receives up to that many bytes of the
   * log that were written before it attached, then live output.
   */
  async attach(
    client: StreamClient,
    opts: { scrollbackBytes?: number } = {},
  ): Promise<SerialAttachment> {
    if (this.closed) {
      client.close(CloseCodes.guestGone, 'guest is not running');
      return { write: () => undefined, detach: () => undefined };
    }
    const want = opts.scrollbackBytes ?? 0;
    if (want > 0) {
      const tail = await this.scrollback(want);
      if (tail.length > 0) client.send(tail);
    }
    this.clients.add(client);
    void this.start().catch(() => undefined);
    return {
      write: (data) => this.socket?.write(data),
      detach: () => {
        this.clients.delete(client);
      },
    };
  }

  /** The last `bytes` bytes of the serial log. */
  async scrollback(bytes: number): Promise<Buffer> {
    try {
      const fh = await open(this.logPath, 'r');
      try {
        const { size } = await fh.stat();
        const start = Math.max(0, size - bytes);
        const buf = Buffer.alloc(size - start);
        await fh.read(buf, 0, buf.length, start);
        return buf;
      } finally {
        await fh.close();
      }
    } catch {
      return Buffer.alloc(0);
    }
  }

  /** Closes every client with `reason` and drops the QEMU connection. */
  close(reason = 'guest stopped', code: number = CloseCodes.guestGone): void {
    this.closed = true;
    for (const c of this.clients) c.close(code, reason);
    this.clients.clear();
    this.socket?.destroy();
    this.socket = undefined;
  }

  private async connect(timeoutMs: number): Promise<void> {
    if (this.socket || this.closed) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = createConnection(this.socketPath);
          s.once('connect', () => {
            s.off('error', reject);
            resolve(s);
          });
          s.once('error', reject);
        });
        if (this.closed) {
          socket.destroy();
          return;
        }
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => {
          for (const c of this.clients) c.send(chunk);
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          if (this.socket === socket) this.socket = undefined;
          // The chardev stays listening while the guest lives: reconnect unless closed.
          if (!this.closed) void this.start().catch(() => undefined);
        });
        return;
      } catch (err) {
        if (Date.now() > deadline || this.closed) throw err;
        await delay(50);
      }
    }
  }
}
