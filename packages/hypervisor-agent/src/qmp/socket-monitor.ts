import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { EventHub } from '../util/event-hub.ts';
import type { QmpCommandName, QmpEvent, QmpGreeting, QmpReturn } from './commands.ts';
import { ConnectionLostError, QmpError, QmpTimeoutError } from './errors.ts';
import { LineDecoder } from './framing.ts';
import type { ExecuteOptions, ExecuteRest, QmpMonitor } from './monitor.ts';

/** Options of {@link SocketMonitor}. */
export interface SocketMonitorOptions {
  /** Path of QEMU's `-qmp unix:PATH,server=on,wait=off` socket. */
  path: string;
  /** How long connect() keeps retrying while the socket is missing or refusing (QEMU starting). */
  connectTimeoutMs?: number;
  /** How long to wait for QEMU's greeting once connected (default 10 s). */
  greetingTimeoutMs?: number;
  /** Timeout of a command without its own `timeoutMs`. */
  defaultTimeoutMs?: number;
  /** Reconnect after an unexpected close: attempts and pause between them. Off when omitted. */
  reconnect?: { attempts: number; delayMs: number };
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  cleanup: () => void;
}

/**
 * One persistent QMP connection over a unix socket. QEMU serves a single QMP client at a time, so
 * the agent keeps exactly one per guest and multiplexes commands (correlated by `id`) and events
 * over it. Emits `disconnected`, `reconnected` and `lost` (reconnect gave up) for supervisors.
 */
export class SocketMonitor extends EventEmitter implements QmpMonitor {
  greeting: QmpGreeting | undefined;
  private socket: Socket | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly hub = new EventHub<QmpEvent>();
  private nextId = 1;
  private closing = false;
  private readonly decoder = new LineDecoder((m) => this.onMessage(m));
  private greetingWaiter: ((g: QmpGreeting) => void) | undefined;
  /** Capabilities negotiated: ordinary commands may be sent. */
  private ready = false;

  constructor(private readonly options: SocketMonitorOptions) {
    super();
  }

  get connected(): boolean {
    return this.socket !== undefined && this.ready;
  }

  async connect(): Promise<void> {
    this.closing = false;
    const deadline = Date.now() + (this.options.connectTimeoutMs ?? 10_000);
    for (;;) {
      try {
        await this.connectOnce();
        return;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const retriable = code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EAGAIN';
        if (!retriable || Date.now() >= deadline || this.closing) throw err;
        await delay(50);
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const socket = this.socket;
    this.socket = undefined;
    this.ready = false;
    this.failPending('monitor closed');
    this.hub.close();
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      });
    }
  }

  events(signal?: AbortSignal): AsyncIterableIterator<QmpEvent> {
    return this.hub.subscribe(signal);
  }

  execute<C extends QmpCommandName>(command: C, ...rest: ExecuteRest<C>): Promise<QmpReturn<C>> {
    const [args, options] = rest as [unknown, ExecuteOptions | undefined];
    return this.send(command, args, options) as Promise<QmpReturn<C>>;
  }

  private send(command: string, args: unknown, options: ExecuteOptions = {}): Promise<unknown> {
    const socket = this.socket;
    if (!socket || !(this.ready || (command === 'qmp_capabilities' && this.greeting))) {
      return Promise.reject(new ConnectionLostError('QMP monitor is not connected', command));
    }
    if (options.signal?.aborted) return Promise.reject(abortError(options.signal));
    const id = `dvp-${this.nextId++}`;
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        cleanup();
        reject(new QmpTimeoutError(command, timeoutMs));
      }, timeoutMs);
      const onAbort = () => {
        this.pending.delete(id);
        cleanup();
        reject(abortError(options.signal));
      };
      const cleanup = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { command, resolve, reject, cleanup });
      const msg: Record<string, unknown> = { execute: command, id };
      if (args !== undefined) msg.arguments = args;
      socket.write(`${JSON.stringify(msg)}\n`);
    });
  }

  private async connectOnce(): Promise<void> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = createConnection(this.options.path);
      s.once('connect', () => {
        s.off('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    });
    this.decoder.reset();
    this.greeting = undefined;
    const greeting = new Promise<QmpGreeting>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new ConnectionLostError('no QMP greeting')),
        this.options.greetingTimeoutMs ?? 10_000,
      );
      this.greetingWaiter = (g) => {
        clearTimeout(t);
        resolve(g);
      };
      socket.once('close', () => {
        clearTimeout(t);
        reject(new ConnectionLostError('closed before QMP greeting'));
      });
    });
    socket.on('data', (chunk: Buffer) => this.decoder.push(chunk));
    socket.on('error', () => undefined); // 'close' follows and does the work
    socket.on('close', () => this.onClose(socket));
    this.socket = socket;
    try {
      this.greeting = await greeting;
      await this.send('qmp_capabilities', undefined, { timeoutMs: 10_000 });
      this.ready = true;
    } catch (err) {
      this.greeting = undefined;
      this.socket = undefined;
      socket.destroy();
      throw err;
    }
  }

  private onMessage(msg: Record<string, unknown>): void {
    if ('QMP' in msg) {
      const w = this.greetingWaiter;
      this.greetingWaiter = undefined;
      w?.(msg as unknown as QmpGreeting);
      return;
    }
    if (typeof msg.event === 'string') {
      this.hub.publish(msg as unknown as QmpEvent);
      return;
    }
    const id = typeof msg.id === 'string' ? msg.id : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) return; // a reply to a timed-out or aborted call
    this.pending.delete(id);
    p.cleanup();
    const error = msg.error as { class?: string; desc?: string } | undefined;
    if (error) p.reject(new QmpError(error.class ?? 'GenericError', error.desc ?? '', p.command));
    else p.resolve(msg.return);
  }

  private onClose(socket: Socket): void {
    if (this.socket !== socket) return; // an old socket from before a reconnect
    this.socket = undefined;
    this.greeting = undefined;
    this.ready = false;
    this.failPending('QMP connection closed');
    if (this.closing) return;
    this.emit('disconnected');
    void this.reconnectLoop();
  }

  private async reconnectLoop(): Promise<void> {
    const policy = this.options.reconnect;
    for (let i = 0; policy && i < policy.attempts && !this.closing; i++) {
      await delay(policy.delayMs);
      if (this.closing) return;
      try {
        await this.connectOnce();
        this.emit('reconnected');
        return;
      } catch {
        // try again
      }
    }
    if (this.closing) return;
    this.hub.close();
    this.emit('lost');
  }

  private failPending(reason: string): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.cleanup();
      p.reject(new ConnectionLostError(reason, p.command));
    }
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('aborted', 'AbortError');
}
