import { CONSOLE_CLOSE_CODES } from '@dvp/api';
import type { RawData, WebSocket } from 'ws';
import type { Metrics } from '../metrics.ts';

/** Close codes towards the browser: the contract's (`CONSOLE_CLOSE_CODES`, documented there). */
export const ProxyCloseCodes = CONSOLE_CLOSE_CODES;

export type ProxyKind = 'console' | 'vnc';

export interface ProxyOptions {
  kind: ProxyKind;
  idleMs: number;
  maxMs: number;
  metrics: Pick<Metrics, 'proxyBytes' | 'proxySessions'>;
  /** Browser keepalive pings (not counted as activity). Default 30 s. */
  pingMs?: number;
  /** Called once when both sides are done. */
  onEnd?: (why: { code: number; reason: string }) => void;
}

/** Pause reading a side once this many bytes wait to be written to the other; resume below LOW. */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
const MAX_REASON_BYTES = 123;

function byteLength(data: RawData): number {
  if (Buffer.isBuffer(data)) return data.length;
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

function reasonText(reason: string): string {
  const b = Buffer.from(reason);
  return b.length <= MAX_REASON_BYTES ? reason : b.subarray(0, MAX_REASON_BYTES).toString();
}

/** Codes that may be sent in a close frame (RFC 6455 §7.4; ws refuses the others). */
function sendable(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}

/** The browser-facing close of an upstream close (1005 no code → 1000; 1006 → upstreamLost). */
export function browserCloseOf(code: number, reason: string): { code: number; reason: string } {
  if (code === 1006)
    return { code: ProxyCloseCodes.upstreamLost, reason: 'the connection to the cluster was lost' };
  if (!sendable(code)) return { code: 1000, reason: reason || 'the cluster ended the session' };
  return { code, reason };
}

/**
 * One console/VNC session: splices a browser websocket and the cluster's, frame by frame.
 * Binary frames both ways; a browser's text frame goes upstream as binary (virt-handler drops
 * text frames, and xterm.js's attach addon sends keystrokes as text). Backpressure both ways
 * (a slow side pauses reading the other), an idle limit (no bytes either way), a maximum
 * lifetime, keepalive pings to the browser, and close codes mapped as documented above.
 */
export class WsProxy {
  private ended = false;
  private lastActivity = Date.now();
  private readonly counted = { up: 0, down: 0 };
  private readonly timers: NodeJS.Timeout[] = [];
  private browserAlive = true;

  constructor(
    private readonly browser: WebSocket,
    private readonly upstream: WebSocket,
    private readonly opts: ProxyOptions,
  ) {
    opts.metrics.proxySessions.inc({ kind: opts.kind });
    this.forward(browser, upstream, 'up');
    this.forward(upstream, browser, 'down');
    upstream.on('close', (code: number, reason: Buffer) => {
      const out = browserCloseOf(code, reason.toString());
      this.end(out.code, out.reason);
    });
    browser.on('close', (code: number, reason: Buffer) => {
      this.end(sendable(code) ? code : 1000, reason.toString() || 'the browser disconnected');
    });
    // 'close' follows 'error' in ws; errors only need to be swallowed here.
    upstream.on('error', () => undefined);
    browser.on('error', () => undefined);
    browser.on('pong', () => {
      this.browserAlive = true;
    });

    const tick = Math.max(50, Math.min(1000, opts.idleMs / 2));
    this.timers.push(
      setInterval(() => {
        this.flushMetrics();
        if (Date.now() - this.lastActivity >= opts.idleMs) {
          this.end(
            ProxyCloseCodes.idle,
            `closed after ${Math.round(opts.idleMs / 1000)} s without activity`,
          );
        }
      }, tick),
      setTimeout(
        () =>
          this.end(
            ProxyCloseCodes.maxLifetime,
            `the session reached its maximum length of ${Math.round(opts.maxMs / 1000)} s; reconnect to continue`,
          ),
        opts.maxMs,
      ),
      setInterval(() => {
        if (!this.browserAlive) {
          browser.terminate();
          return;
        }
        this.browserAlive = false;
        browser.ping();
      }, opts.pingMs ?? 30_000),
    );
    for (const t of this.timers) t.unref();
    upstream.resume();
    browser.resume();
  }

  /** Ends the session: the browser gets `code`/`reason`, the cluster a normal close. */
  close(code: number, reason: string): void {
    this.end(code, reason);
  }

  private forward(from: WebSocket, to: WebSocket, direction: 'up' | 'down'): void {
    let pending = 0;
    let paused = false;
    const done = () => {
      if (paused && pending < LOW_WATER) {
        paused = false;
        from.resume();
      }
    };
    from.on('message', (data: RawData, isBinary: boolean) => {
      const n = byteLength(data);
      this.lastActivity = Date.now();
      this.counted[direction] += n;
      if (to.readyState !== to.OPEN) return;
      pending += n;
      to.send(data, { binary: direction === 'up' ? true : isBinary }, () => {
        pending -= n;
        done();
      });
      if (!paused && pending > HIGH_WATER) {
        paused = true;
        from.pause();
      }
    });
  }

  private flushMetrics(): void {
    const { kind } = this.opts;
    if (this.counted.up)
      this.opts.metrics.proxyBytes.inc({ kind, direction: 'up' }, this.counted.up);
    if (this.counted.down)
      this.opts.metrics.proxyBytes.inc({ kind, direction: 'down' }, this.counted.down);
    this.counted.up = 0;
    this.counted.down = 0;
  }

  private end(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const t of this.timers) clearTimeout(t);
    this.flushMetrics();
    this.opts.metrics.proxySessions.dec({ kind: this.opts.kind });
    const text = reasonText(reason);
    for (const [ws, c, r] of [
      [this.browser, code, text],
      // The cluster only needs to know the session is over (KubeVirt reads any close as EOF).
      [this.upstream, 1000, text],
    ] as const) {
      ws.resume();
      if (ws.readyState === ws.OPEN) ws.close(c, r);
      else if (ws.readyState === ws.CONNECTING) ws.terminate();
      // A peer that never answers the close frame is cut after 5 s (ws would wait 30 s).
      setTimeout(() => ws.terminate(), 5000).unref();
    }
    this.opts.onEnd?.({ code, reason: text });
  }
}
