import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_RESOURCES, type KubeObject } from '@dvp/api';
import { Informer, type InformerEvent, type Watcher } from './informer.ts';
import type { KubeRest } from './rest.ts';
import { makeStatus, StatusError } from './status.ts';

const vm = (name: string, rv: string): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name, namespace: 'demo', resourceVersion: rv },
});

/** A scripted API: `lists` answered in turn; every watch call is recorded with its callbacks. */
function fakeCluster(lists: (KubeObject[] | StatusError)[]) {
  const watches: {
    query: Record<string, unknown>;
    send: (type: string, obj: unknown) => void;
    end: (err: unknown) => void;
    aborted: boolean;
  }[] = [];
  let n = 0;
  const rest = {
    request: () => {
      const next = lists[Math.min(n, lists.length - 1)];
      n += 1;
      if (next instanceof StatusError) return Promise.reject(next);
      return Promise.resolve({ metadata: { resourceVersion: `L${n}` }, items: next });
    },
  } as unknown as KubeRest;
  const watcher: Watcher = {
    watch: (_path, query, onEvent, onDone) => {
      const w = {
        query,
        send: (t: string, o: unknown) => onEvent(t, o),
        end: (e: unknown) => onDone(e),
        aborted: false,
      };
      watches.push(w);
      const ctrl = new AbortController();
      ctrl.signal.addEventListener('abort', () => (w.aborted = true));
      return Promise.resolve(ctrl);
    },
  };
  return { rest, watcher, watches, lists: () => n };
}

describe('Informer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists, then applies watch events from the list resourceVersion', async () => {
    const f = fakeCluster([[vm('a', '1')]]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    const events: InformerEvent[] = [];
    inf.on('event', (e) => events.push(e));
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(inf.list('demo').map((o) => o.metadata.name)).toEqual(['a']);
    expect(f.watches[0]?.query).toMatchObject({ resourceVersion: 'L1', allowWatchBookmarks: true });
    const timeout = f.watches[0]?.query.timeoutSeconds as number;
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThan(600);
    f.watches[0]?.send('ADDED', vm('b', '2'));
    f.watches[0]?.send('MODIFIED', vm('a', '3'));
    f.watches[0]?.send('DELETED', vm('b', '4'));
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED b',
      'MODIFIED a',
      'DELETED b',
    ]);
    expect(inf.resourceVersion).toBe('4');
    inf.stop();
  });

  it('relists after 410 Expired and reports what changed meanwhile, then a resync', async () => {
    const f = fakeCluster([
      [vm('a', '1'), vm('b', '1')],
      [vm('a', '5'), vm('c', '6')],
    ]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    const events: string[] = [];
    inf.on('event', (e) => events.push(`${e.type} ${e.object.metadata.name}`));
    inf.on('resync', () => events.push('resync'));
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    f.watches[0]?.send('ERROR', makeStatus(410, 'Expired', 'too old resource version'));
    f.watches[0]?.end(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['MODIFIED a', 'ADDED c', 'DELETED b', 'resync']);
    expect(f.watches).toHaveLength(2);
    expect(f.watches[1]?.query.resourceVersion).toBe('L2');
    inf.stop();
  });

  it('backs off and relists after a dropped connection', async () => {
    const f = fakeCluster([[vm('a', '1')], [vm('a', '1')]]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    f.watches[0]?.end(new Error('Premature close'));
    expect(inf.state).toBe('backoff');
    await vi.advanceTimersByTimeAsync(499);
    expect(f.lists()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.lists()).toBe(2);
    expect(inf.state).toBe('watching');
    inf.stop();
  });

  it('does not spin when the server ends watches at once', async () => {
    const f = fakeCluster([[vm('a', '1')]]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    f.watches[0]?.end(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.watches).toHaveLength(1);
    expect(inf.state).toBe('backoff');
    inf.stop();
  });

  it('re-watches from the last resourceVersion when a long watch ends cleanly', async () => {
    const f = fakeCluster([[vm('a', '1')]]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    f.watches[0]?.send('MODIFIED', vm('a', '7'));
    await vi.advanceTimersByTimeAsync(5000);
    f.watches[0]?.end(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.watches).toHaveLength(2);
    expect(f.watches[1]?.query.resourceVersion).toBe('7');
    expect(f.lists()).toBe(1);
    inf.stop();
  });

  it('gives up a watch that outlives its timeout (half-open connection) and relists', async () => {
    const f = fakeCluster([[vm('a', '1')], [vm('a', '1')]]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    await inf.ready();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(631_000);
    expect(f.watches[0]?.aborted).toBe(true);
    expect(f.lists()).toBe(2);
    inf.stop();
  });

  it('rejects ready() with the cluster Status when the BFF may not list the kind', async () => {
    const forbidden = new StatusError(makeStatus(403, 'Forbidden', 'cannot list'));
    const f = fakeCluster([forbidden]);
    const inf = new Informer(API_RESOURCES.virtualmachines, f.rest, f.watcher);
    await expect(inf.ready()).rejects.toBe(forbidden);
    expect(inf.state).toBe('unavailable');
    expect(f.watches).toHaveLength(0);
  });
});
