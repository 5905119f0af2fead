/**
 * Pure helpers for the numbers images show: sizes as DVP prints them (`285.9Mi`, `2.5Gi`),
 * progress (`28.2%` while provisioning, `100%` when done) and download speed.
 */

const UNITS = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/** Bytes in DVP's short binary form: `512B`, `18.4Mi`, `2.5Gi` (one decimal, `.0` dropped). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '0B';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)}B`;
  let text = value.toFixed(1);
  // Rounding can reach the next unit (1023.96Ki → "1024.0Ki"): show "1Mi" instead.
  if (text === '1024.0' && unit < UNITS.length - 1) {
    unit += 1;
    text = '1.0';
  }
  return `${text.replace(/\.0$/, '')}${UNITS[unit] ?? 'B'}`;
}

/** `status.size` of an image from its stored and unpacked byte counts. */
export function sizeStatus(storedBytes: number, unpackedBytes: number) {
  return {
    stored: formatBytes(storedBytes),
    storedBytes: String(storedBytes),
    unpacked: formatBytes(unpackedBytes),
    unpackedBytes: String(unpackedBytes),
  };
}

/**
 * Progress while provisioning, one decimal as DVP's importer reports it (`0.0%` … `100.0%`);
 * undefined when the total is unknown. Never above 100.
 */
export function formatProgress(done: number, total: number | undefined): string | undefined {
  if (!total || total <= 0) return undefined;
  // Per mille in integers (no float drift), floored so 100.0% only shows once all arrived.
  const permille = Math.min(1000, Math.max(0, Math.floor((done * 1000) / total)));
  return `${Math.floor(permille / 10)}.${permille % 10}%`;
}

/** The number in a progress string (`'28.2%'` → 28.2), or undefined. */
export function parseProgress(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** `status.downloadSpeed`. */
export interface DownloadSpeed {
  avg: string;
  avgBytes: string;
  current: string;
  currentBytes: string;
}

/**
 * Measures transfer speed: the average since the start and the current speed over a sliding
 * window (default 2 s). Time is passed in (milliseconds) so the math is testable.
 */
export class SpeedMeter {
  private total = 0;
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly windowMs = 2000,
  ) {}

  /** Records `bytes` more, received at `now`. */
  add(bytes: number, now: number): void {
    this.total += bytes;
    this.samples.push({ at: now, bytes: this.total });
    while (this.samples.length > 2 && (this.samples[1]?.at ?? now) <= now - this.windowMs)
      this.samples.shift();
  }

  get bytes(): number {
    return this.total;
  }

  /** Bytes per second since the start. */
  average(now: number): number {
    const secs = (now - this.startedAt) / 1000;
    return secs > 0 ? this.total / secs : 0;
  }

  /** Bytes per second over the window. */
  current(now: number): number {
    const first = this.samples[0];
    if (!first) return 0;
    const from = this.samples.length > 1 ? first : { at: this.startedAt, bytes: 0 };
    const secs = (now - from.at) / 1000;
    return secs > 0 ? (this.total - from.bytes) / secs : 0;
  }

  /** The `status.downloadSpeed` block at `now`. */
  status(now: number): DownloadSpeed {
    const avg = Math.round(this.average(now));
    const cur = Math.round(this.current(now));
    return {
      avg: `${formatBytes(avg)}/s`,
      avgBytes: String(avg),
      current: `${formatBytes(cur)}/s`,
      currentBytes: String(cur),
    };
  }
}

/**
 * Calls `fn` at most once per `intervalMs` (leading call immediate, the last value always
 * delivered by `flush()`); writes never overlap, and `flush()` waits for the last one.
 */
export class Throttle<T> {
  private last = 0;
  private pending: T | undefined;
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly fn: (value: T) => Promise<void>,
    private readonly intervalMs = 500,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    this.pending = value;
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
    this.timer.unref();
  }

  private fire(): void {
    const value = this.pending;
    if (value === undefined) return;
    this.pending = undefined;
    this.last = this.now();
    this.running = this.running.then(() => this.fn(value)).catch(() => undefined);
  }

  /** Delivers a pending value now and waits for all writes to finish. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.fire();
    await this.running;
  }

  /** Drops a pending value and waits for writes in flight. */
  async cancel(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    await this.running;
  }
}
