import { describe, expect, it } from 'vitest';
import { BackgroundTasks } from './tasks.ts';

describe('BackgroundTasks', () => {
  it('runs one task per key, reports its result and calls onDone', async () => {
    const done: string[] = [];
    let release!: () => void;
    const tasks = new BackgroundTasks<number>((k) => done.push(k));
    expect(tasks.start('k', () => new Promise<number>((r) => (release = () => r(7))))).toBe(true);
    expect(tasks.start('k', () => Promise.resolve(1))).toBe(false);
    expect(tasks.has('k')).toBe(true);
    release();
    await tasks.cancel('never-started');
    await new Promise((r) => setImmediate(r));
    expect(done).toEqual(['k']);
    expect(tasks.takeResult('k')).toEqual({ ok: true, value: 7 });
    expect(tasks.takeResult('k')).toBeUndefined();
  });

  it('cancel aborts the task through its signal and records the failure', async () => {
    const tasks = new BackgroundTasks(() => undefined);
    tasks.start(
      'k',
      (signal) =>
        new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    );
    await tasks.cancel('k');
    expect(tasks.has('k')).toBe(false);
    const r = tasks.peekResult('k');
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && r.error.message).toBe('aborted');
  });
});
