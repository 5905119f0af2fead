/**
 * A controller work queue (client-go's workqueue): a key queued while pending is processed once;
 * a key is never processed by two workers at once (re-adding it while it runs processes it again
 * afterwards); failures retry with exponential backoff; `addAfter` schedules a later visit.
 */
export class RateLimitedQueue {
  private readonly pending = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private active = 0;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly name: string,
    private readonly work: (key: string) => Promise<void>,
    private readonly concurrency = 4,
  ) {}

  add(key: string): void {
    if (this.closed) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.pending.add(key);
    this.pump();
  }

  /** Adds `key` after `ms` (the earliest of several requests wins). */
  addAfter(key: string, ms: number): void {
    if (this.closed) return;
    if (ms <= 0) return this.add(key);
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    const t = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    t.unref();
    this.timers.set(key, t);
  }

  private pump(): void {
    while (this.active < this.concurrency && this.pending.size > 0 && !this.closed) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      this.processing.add(key);
      this.active += 1;
      void this.process(key);
    }
    if (this.active === 0 && this.pending.size === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }
  }

  private async process(key: string): Promise<void> {
    try {
      await this.work(key);
      this.failures.delete(key);
    } catch (e) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const delay = Math.min(50 * 2 ** n, 30_000);
      if (n >= 4) console.error(`[${this.name}] ${key}: ${(e as Error).message}; retry ${n}`);
      this.addAfter(key, delay);
    } finally {
      this.processing.delete(key);
      this.active -= 1;
      if (this.dirty.delete(key)) this.pending.add(key);
      this.pump();
    }
  }

  /** Resolves when nothing is pending or being processed (delayed keys are not waited for). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}
