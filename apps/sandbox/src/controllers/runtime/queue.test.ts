import { describe, expect, it } from 'vitest';
import { RateLimitedQueue } from './queue.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('RateLimitedQueue', () => {
  it('processes a key queued several times while pending only once', async () => {
    const seen: string[] = [];
    const q = new RateLimitedQueue(
      't',
      async (k) => {
        seen.push(k);
        await Promise.resolve();
      },
      1,
    );
    const gate = deferred();
    const blocker = new RateLimitedQueue('b', () => gate.promise, 1);
    blocker.add('x');
    q.add('a');
    q.add('b');
    q.add('b');
    q.add('b');
    await q.idle();
    gate.resolve();
    await blocker.idle();
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('never runs one key twice at once, and re-runs it when re-added while running', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const gate = deferred();
    const q = new RateLimitedQueue(
      't',
      async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await gate.promise;
        running -= 1;
      },
      4,
    );
    q.add('k');
    await Promise.resolve();
    q.add('k');
    q.add('k');
    gate.resolve();
    await q.idle();
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });

  it('runs different keys concurrently up to the limit', async () => {
    let running = 0;
    let maxRunning = 0;
    const gate = deferred();
    const q = new RateLimitedQueue(
      't',
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await gate.promise;
        running -= 1;
      },
      2,
    );
    for (const k of ['a', 'b', 'c', 'd']) q.add(k);
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    gate.resolve();
    await q.idle();
    expect(maxRunning).toBe(2);
  });

  it('retries a failing key with backoff until it succeeds', async () => {
    let attempts = 0;
    const done = deferred();
    const q = new RateLimitedQueue('t', () => {
      attempts += 1;
      if (attempts < 3) return Promise.reject(new Error('transient'));
      done.resolve();
      return Promise.resolve();
    });
    q.add('k');
    await done.promise;
    expect(attempts).toBe(3);
    q.close();
  });

  it('addAfter visits the key later, and close cancels pending visits', async () => {
    const visited = deferred();
    const q = new RateLimitedQueue('t', () => {
      visited.resolve();
      return Promise.resolve();
    });
    q.addAfter('k', 5);
    await visited.promise;
    let late = false;
    const q2 = new RateLimitedQueue('t2', () => {
      late = true;
      return Promise.resolve();
    });
    q2.addAfter('k', 5);
    q2.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(late).toBe(false);
  });
});
