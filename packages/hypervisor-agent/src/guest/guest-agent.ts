import { createConnection, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { LineDecoder } from '../qmp/framing.ts';

/** An error reply from qemu-ga. */
export class GuestAgentError extends Error {
  override readonly name = 'GuestAgentError';
  constructor(
    readonly class_: string,
    readonly desc: string,
    readonly command: string,
  ) {
    super(`${command}: ${desc} (${class_})`);
  }
}

/** `guest-get-osinfo`, shaped like DVP's `status.guestOSInfo` (KubeVirt field names). */
export interface GuestOSInfo {
  name?: string;
  kernelRelease?: string;
  version?: string;
  prettyName?: string;
  versionId?: string;
  kernelVersion?: string;
  machine?: string;
  id?: string;
}

/** Result of {@link GuestAgentClient.exec}. */
export interface GuestExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  signal?: number;
}

/**
 * Client of the QEMU guest agent over the `org.qemu.guest_agent.0` virtio-serial channel.
 * qemu-ga has no request ids, so calls are serialised and each starts with
 * `guest-sync-delimited`, dropping stale replies (from a timed-out call) until the sync id returns.
 */
export class GuestAgentClient {
  private socket: Socket | undefined;
  private readonly inbox: Record<string, unknown>[] = [];
  private waiter: (() => void) | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly decoder = new LineDecoder((m) => {
    this.inbox.push(m);
    this.waiter?.();
  });

  constructor(private readonly socketPath: string) {}

  /** Runs one qemu-ga command; `noReply` for commands that answer nothing on success. */
  execute<T>(
    command: string,
    args?: Record<string, unknown>,
    opts: { timeoutMs?: number; noReply?: boolean } = {},
  ): Promise<T> {
    const run = this.queue.then(() => this.run<T>(command, args, opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `guest-ping`: resolves when the agent in the guest answers. */
  async ping(timeoutMs = 3000): Promise<void> {
    await this.execute('guest-ping', undefined, { timeoutMs });
  }

  /** `guest-get-osinfo`, mapped to DVP's guestOSInfo fields. */
  async osInfo(): Promise<GuestOSInfo> {
    const r = await this.execute<Record<string, string | undefined>>('guest-get-osinfo');
    const out: GuestOSInfo = {};
    const map: [keyof GuestOSInfo, string][] = [
      ['name', 'name'],
      ['kernelRelease', 'kernel-release'],
      ['version', 'version'],
      ['prettyName', 'pretty-name'],
      ['versionId', 'version-id'],
      ['kernelVersion', 'kernel-version'],
      ['machine', 'machine'],
      ['id', 'id'],
    ];
    for (const [k, q] of map) {
      const v = r[q];
      if (v !== undefined) out[k] = v;
    }
    return out;
  }

  /** Freezes guest filesystems for a consistent snapshot; returns how many were frozen. */
  fsFreeze(): Promise<number> {
    return this.execute<number>('guest-fsfreeze-freeze', undefined, { timeoutMs: 30_000 });
  }

  /** Thaws guest filesystems; returns how many were thawed. */
  fsThaw(): Promise<number> {
    return this.execute<number>('guest-fsfreeze-thaw', undefined, { timeoutMs: 30_000 });
  }

  /** `thawed` or `frozen`. */
  fsFreezeStatus(): Promise<'thawed' | 'frozen'> {
    return this.execute('guest-fsfreeze-status');
  }

  /** Asks the guest to power off (`reboot`/`halt` also possible); qemu-ga sends no reply. */
  async shutdown(mode: 'powerdown' | 'reboot' | 'halt' = 'powerdown'): Promise<void> {
    await this.execute('guest-shutdown', { mode }, { noReply: true });
  }

  /** Runs a program in the guest as root and waits for it (tests, diagnostics). */
  async exec(
    path: string,
    args: string[] = [],
    opts: { input?: string; timeoutMs?: number } = {},
  ): Promise<GuestExecResult> {
    const request: Record<string, unknown> = { path, arg: args, 'capture-output': true };
    if (opts.input !== undefined)
      request['input-data'] = Buffer.from(opts.input).toString('base64');
    const { pid } = await this.execute<{ pid: number }>('guest-exec', request);
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (;;) {
      const st = await this.execute<{
        exited: boolean;
        exitcode?: number;
        signal?: number;
        'out-data'?: string;
        'err-data'?: string;
      }>('guest-exec-status', { pid });
      if (st.exited) {
        const decode = (b?: string) => (b ? Buffer.from(b, 'base64').toString('utf8') : '');
        return {
          exitCode: st.exitcode ?? -1,
          stdout: decode(st['out-data']),
          stderr: decode(st['err-data']),
          ...(st.signal !== undefined ? { signal: st.signal } : {}),
        };
      }
      if (Date.now() > deadline) throw new Error(`guest-exec ${path}: still running`);
      await delay(50);
    }
  }

  /** Drops the connection; later calls reconnect unless closed for good. */
  close(): void {
    this.closed = true;
    this.dropSocket();
  }

  private async run<T>(
    command: string,
    args: Record<string, unknown> | undefined,
    opts: { timeoutMs?: number; noReply?: boolean },
  ): Promise<T> {
    if (this.closed) throw new Error('guest agent channel closed');
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    try {
      const socket = await this.connect();
      const syncId = Math.floor(Math.random() * 2 ** 31);
      // 0xFF makes a qemu-ga that is half-way through a line discard it (protocol rule).
      socket.write(Buffer.from([0xff]));
      socket.write(
        `${JSON.stringify({ execute: 'guest-sync-delimited', arguments: { id: syncId } })}\n`,
      );
      for (;;) {
        const m = await this.nextMessage(deadline, command);
        if (m.return === syncId) break;
      }
      socket.write(
        `${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`,
      );
      if (opts.noReply) return undefined as T;
      const reply = await this.nextMessage(deadline, command);
      const error = reply.error as { class?: string; desc?: string } | undefined;
      if (error)
        throw new GuestAgentError(error.class ?? 'GenericError', error.desc ?? '', command);
      return reply.return as T;
    } catch (err) {
      // After a timeout a late reply may still come; a fresh connection plus sync discards it.
      if (!(err instanceof GuestAgentError)) this.dropSocket();
      throw err;
    }
  }

  private async nextMessage(deadline: number, command: string): Promise<Record<string, unknown>> {
    for (;;) {
      const m = this.inbox.shift();
      if (m) return m;
      const left = deadline - Date.now();
      if (left <= 0 || !this.socket) {
        throw new Error(`guest agent did not answer ${command} in time`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          this.waiter = undefined;
          resolve();
        };
      });
    }
  }

  private async connect(): Promise<Socket> {
    if (this.socket) return this.socket;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = createConnection(this.socketPath);
      s.once('connect', () => {
        s.off('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    });
    this.inbox.length = 0;
    this.decoder.reset();
    socket.on('data', (chunk: Buffer) => this.decoder.push(stripDelimiters(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.waiter?.();
    });
    this.socket = socket;
    return socket;
  }

  private dropSocket(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }
}

/** Removes the 0xFF sentinel bytes qemu-ga puts before a guest-sync-delimited reply. */
function stripDelimiters(chunk: Buffer): Buffer {
  return chunk.includes(0xff) ? Buffer.from(chunk.filter((b) => b !== 0xff)) : chunk;
}
