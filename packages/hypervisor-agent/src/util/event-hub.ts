/**
 * Fan-out of values to any number of async-iterator subscribers. Each subscriber has its own
 * unbounded queue, so a slow consumer never makes another one miss an event. Subscriptions outlive
 * reconnects of whatever feeds the hub: that is how event consumers get "re-subscribed".
 */
export class EventHub<T> {
  private readonly subscribers = new Set<Subscriber<T>>();
  private closed = false;

  /** Delivers a value to every current subscriber. */
  publish(value: T): void {
    if (this.closed) return;
    for (const s of this.subscribers) s.push(value);
  }

  /** Ends every subscription; later `subscribe` calls end immediately. */
  close(): void {
    this.closed = true;
    for (const s of this.subscribers) s.end();
    this.subscribers.clear();
  }

  /** Number of live subscriptions (for tests and diagnostics). */
  get size(): number {
    return this.subscribers.size;
  }

  /** An async iterable of every value published from now on, until `signal` aborts or close(). */
  subscribe(signal?: AbortSignal): AsyncIterableIterator<T> {
    const sub = new Subscriber<T>(() => this.subscribers.delete(sub));
    if (this.closed || signal?.aborted) sub.end();
    else {
      this.subscribers.add(sub);
      signal?.addEventListener('abort', () => sub.end(), { once: true });
    }
    return sub;
  }
}

class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | undefined;
  private done = false;

  constructor(private readonly onEnd: () => void) {}

  push(value: T): void {
    if (this.done) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value, done: false });
    } else this.queue.push(value);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.onEnd();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
