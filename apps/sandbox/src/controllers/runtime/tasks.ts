/**
 * Long work a controller starts and does not wait for in its reconcile (a download, a guest
 * boot, a migration): at most one task per key; `cancel` aborts it through its signal; when a
 * task ends, `onDone(key)` runs (usually: requeue the object so reconcile sees the outcome).
 */
export class BackgroundTasks<R = void> {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private readonly results = new Map<
    string,
    { ok: true; value: R } | { ok: false; error: Error }
  >();

  constructor(private readonly onDone: (key: string) => void) {}

  has(key: string): boolean {
    return this.running.has(key);
  }

  /** Starts `fn` for `key` unless one is running; returns false if one was already running. */
  start(key: string, fn: (signal: AbortSignal) => Promise<R>): boolean {
    if (this.running.has(key)) return false;
    this.results.delete(key);
    const abort = new AbortController();
    const done = (async () => {
      try {
        const value = await fn(abort.signal);
        this.results.set(key, { ok: true, value });
      } catch (e) {
        this.results.set(key, { ok: false, error: e instanceof Error ? e : new Error(String(e)) });
      } finally {
        this.running.delete(key);
        this.onDone(key);
      }
    })();
    this.running.set(key, { abort, done });
    return true;
  }

  /** The outcome of the last finished task of `key`, removed once read. */
  takeResult(key: string): { ok: true; value: R } | { ok: false; error: Error } | undefined {
    const r = this.results.get(key);
    this.results.delete(key);
    return r;
  }

  /** The outcome of the last finished task of `key`, left in place. */
  peekResult(key: string): { ok: true; value: R } | { ok: false; error: Error } | undefined {
    return this.results.get(key);
  }

  async cancel(key: string): Promise<void> {
    const t = this.running.get(key);
    if (!t) return;
    t.abort.abort();
    await t.done;
  }

  async cancelAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((k) => this.cancel(k)));
  }
}
