import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub.ts';

describe('EventHub', () => {
  it('queues values per subscriber so a slow one misses nothing', async () => {
    const hub = new EventHub<number>();
    const a = hub.subscribe();
    hub.publish(1);
    hub.publish(2);
    expect((await a.next()).value).toBe(1);
    expect((await a.next()).value).toBe(2);
  });

  it('ends a subscription on abort and on close', async () => {
    const hub = new EventHub<number>();
    const ac = new AbortController();
    const a = hub.subscribe(ac.signal);
    const b = hub.subscribe();
    const pending = a.next();
    ac.abort();
    expect((await pending).done).toBe(true);
    expect(hub.size).toBe(1);
    hub.close();
    expect((await b.next()).done).toBe(true);
    expect((await hub.subscribe().next()).done).toBe(true);
  });

  it('unsubscribes when a for-await loop breaks', async () => {
    const hub = new EventHub<string>();
    const sub = hub.subscribe();
    hub.publish('x');
    for await (const v of sub) {
      expect(v).toBe('x');
      break;
    }
    expect(hub.size).toBe(0);
  });
});
