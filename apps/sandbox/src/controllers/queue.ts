/**
 * A serial work queue keyed by item: a key queued while pending runs once; failures are logged and
 * retried with backoff, as controller work queues do.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private running = false;
  private closed = false;
  private readonly retries = new Map<string, number>();

  constructor(
    private readonly name: string,
    private readonly work: (key: string) => Promise<void>,
  ) {}

  add(key: string): void {
    if (this.closed) return;
    this.pending.add(key);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending.size && !this.closed) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      try {
        await this.work(key);
        this.retries.delete(key);
      } catch (e) {
        const n = (this.retries.get(key) ?? 0) + 1;
        this.retries.set(key, n);
        if (n <= 8) {
          console.error(`[${this.name}] ${key}: ${(e as Error).message}; retry ${n}`);
          setTimeout(() => this.add(key), Math.min(100 * 2 ** n, 10_000)).unref();
        } else {
          console.error(`[${this.name}] ${key}: giving up: ${(e as Error).message}`);
        }
      }
    }
    this.running = false;
  }

  /** Resolves when nothing is pending or running (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.pending.size) await new Promise((r) => setImmediate(r));
  }

  close(): void {
    this.closed = true;
  }
}
