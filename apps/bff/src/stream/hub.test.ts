import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResourceName, KubeObject, StreamMessage } from '@dvp/api';
import type { AccessQuestion } from '../access/reviewer.ts';
import { tokenIdentity, type Identity } from '../auth/identity.ts';
import type { InformerEvent } from '../k8s/informer.ts';
import { makeStatus, StatusError } from '../k8s/status.ts';
import type { Sink } from './event-stream.ts';
import { StreamHub, type HubDeps } from './hub.ts';
import { parseTopics } from './topics.ts';

/** A response double that parses what the hub writes as SSE. */
class FakeSink implements Sink {
  text = '';
  writableLength = 0;
  destroyed = false;
  ended = false;
  private waiters: (() => void)[] = [];

  write(chunk: string) {
    this.text += chunk;
    for (const w of this.waiters.splice(0)) w();
  }
  end() {
    this.ended = true;
  }
  destroy() {
    this.destroyed = true;
  }

  messages(): { id: string | undefined; data: StreamMessage }[] {
    return this.text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => {
        const lines = block.split('\n');
        const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
        const data = JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '') as
          StreamMessage | undefined;
        if (!data) throw new Error('no data');
        return { id, data };
      });
  }
  data(): StreamMessage[] {
    return this.messages().map((m) => m.data);
  }
  lastId(): string | undefined {
    return this.messages().at(-1)?.id;
  }
  /** Resolves once a message from index `from` on satisfies `pred`. */
  async until(pred: (m: StreamMessage) => boolean, from = 0): Promise<void> {
    while (!this.data().slice(from).some(pred)) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
}

const admin = tokenIdentity('admin');
const bob = tokenIdentity('bob');

/** bob sees demo only; admin sees everything. */
let policy = (id: Identity, q: AccessQuestion) => id === admin || q.namespace === 'demo';
let reviews = 0;
const cache = new EventEmitter();
let hub: StreamHub;

function makeHub(extra: Partial<HubDeps> = {}) {
  hub = new StreamHub({
    listen(onEvent, onResync) {
      cache.on('event', onEvent);
      cache.on('resync', onResync);
      return () => {
        cache.off('event', onEvent);
        cache.off('resync', onResync);
      };
    },
    ready: () => Promise.resolve(),
    can: (id, q) => {
      reviews += 1;
      return Promise.resolve(policy(id, q));
    },
    heartbeatMs: 60_000,
    accessTtlMs: 60_000,
    epoch: 'ep',
    ...extra,
  });
  return hub;
}

function topics(...keys: string[]) {
  const r = parseTopics(keys, 'topics');
  if (!r.ok) throw new Error('bad topics');
  return r.topics;
}

async function open(identity: Identity, keys: string[], lastEventId?: string) {
  const sink = new FakeSink();
  const { stream, live } = hub.open({
    identity,
    topics: topics(...keys),
    sink,
    ...(lastEventId ? { lastEventId } : {}),
  });
  await live;
  return { sink, stream };
}

let uid = 0;
function vm(namespace: string, name: string): KubeObject {
  uid += 1;
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name, namespace, uid: `u${uid}`, resourceVersion: String(uid) },
    spec: { virtualMachineClassName: 'generic' },
  };
}

function emit(resource: ApiResourceName, type: InformerEvent['type'], object: KubeObject) {
  cache.emit('event', resource, { type, object });
}

const objectEvents = (s: FakeSink) =>
  s
    .data()
    .flatMap((m) =>
      m.type === 'ADDED' || m.type === 'MODIFIED' || m.type === 'DELETED' ? [m] : [],
    );

afterEach(() => {
  hub.close();
  policy = (id, q) => id === admin || q.namespace === 'demo';
  reviews = 0;
});

describe('StreamHub', () => {
  it('greets, resyncs allowed topics, and refuses the rest per topic', async () => {
    makeHub();
    const { sink, stream } = await open(bob, [
      'virtualmachines/demo',
      'virtualmachines/other',
      'secrets',
    ]);
    const [hello, ...rest] = sink.data();
    expect(hello).toEqual({ type: 'HELLO', streamId: stream.id, heartbeatSeconds: 60 });
    expect(rest).toEqual(
      expect.arrayContaining([
        { type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'subscribed' },
        expect.objectContaining({
          type: 'ERROR',
          topic: 'virtualmachines/other',
          status: expect.objectContaining({ code: 403, reason: 'Forbidden' }) as unknown,
        }),
        expect.objectContaining({ type: 'ERROR', topic: 'secrets' }),
      ]),
    );
    expect(rest).toHaveLength(3);
  });

  it('delivers each change to the tabs whose user may see it, VMs with their row', async () => {
    makeHub();
    const a = await open(admin, ['virtualmachines', 'virtualmachines/other']);
    const b = await open(bob, ['virtualmachines/demo', 'virtualmachines/other']);
    const vm1 = vm('demo', 'one');
    emit('virtualmachines', 'ADDED', vm1);
    emit('virtualmachines', 'ADDED', vm('other', 'two'));
    emit('virtualmachineclasses', 'ADDED', { apiVersion: 'v', kind: 'K', metadata: { name: 'c' } });
    expect(objectEvents(a.sink).map((e) => `${e.topic} ${e.object.metadata.name}`)).toEqual([
      'virtualmachines one',
      'virtualmachines two',
      'virtualmachines/other two',
    ]);
    const bobs = objectEvents(b.sink);
    expect(bobs.map((e) => `${e.topic} ${e.object.metadata.name}`)).toEqual([
      'virtualmachines/demo one',
    ]);
    expect(bobs[0]?.row).toMatchObject({ name: 'one', namespace: 'demo', className: 'generic' });
  });

  it('asks once per user and topic, however many tabs the user has', async () => {
    makeHub();
    for (let i = 0; i < 20; i++) await open(bob, ['virtualmachines/demo', 'nodes']);
    expect(reviews).toBe(4);
  });

  it('stops a topic whose access was revoked, and resumes it when granted again', async () => {
    makeHub({ accessTtlMs: 20 });
    const { sink } = await open(bob, ['virtualmachines/demo']);
    policy = () => false;
    await sink.until((m) => m.type === 'ERROR');
    expect(sink.data().slice(-2)).toEqual([
      expect.objectContaining({ type: 'ERROR', topic: 'virtualmachines/demo' }),
      { type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'access-changed' },
    ]);
    emit('virtualmachines', 'ADDED', vm('demo', 'hidden'));
    const seen = sink.data().length;
    policy = () => true;
    await sink.until((m) => m.type === 'RESYNC' && m.reason === 'access-changed', seen);
    emit('virtualmachines', 'ADDED', vm('demo', 'seen'));
    expect(objectEvents(sink).map((e) => e.object.metadata.name)).toEqual(['seen']);
  });

  it('keeps the last answer through a failed re-check, and holds the topic once it is overdue', async () => {
    makeHub({ accessTtlMs: 20 });
    const { sink } = await open(bob, ['virtualmachines/demo']);
    let failures = 0;
    const overdue = new Promise<void>((resolve) => {
      policy = () => {
        failures += 1;
        // Re-checks come every TTL: the fourth failure is past 2 TTLs.
        if (failures === 4) resolve();
        throw new StatusError(makeStatus(503, 'ServiceUnavailable', 'down'));
      };
    });
    // Within 2 TTLs the topic still flows.
    emit('virtualmachines', 'ADDED', vm('demo', 'during'));
    expect(objectEvents(sink).map((e) => e.object.metadata.name)).toEqual(['during']);
    await overdue;
    emit('virtualmachines', 'ADDED', vm('demo', 'held'));
    expect(objectEvents(sink).map((e) => e.object.metadata.name)).toEqual(['during']);
    policy = () => true;
    await sink.until((m) => m.type === 'RESYNC' && m.reason === 'gap');
  });

  it('resumes a dropped connection with Last-Event-ID: same stream, only what it missed', async () => {
    makeHub();
    const first = await open(bob, ['virtualmachines/demo']);
    emit('virtualmachines', 'ADDED', vm('demo', 'before'));
    const lastId = first.sink.lastId();
    hub.disconnected(first.stream, first.sink);
    emit('virtualmachines', 'ADDED', vm('demo', 'missed'));
    emit('virtualmachines', 'ADDED', vm('other', 'not-mine'));
    cache.emit('resync', 'virtualmachines');
    const again = await open(bob, ['nodes'], lastId);
    expect(again.stream).toBe(first.stream);
    expect(again.sink.data()).toEqual([
      { type: 'HELLO', streamId: first.stream.id, heartbeatSeconds: 60 },
      expect.objectContaining({ type: 'ADDED', topic: 'virtualmachines/demo' }),
      { type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'relisted' },
    ]);
    expect(objectEvents(again.sink)[0]?.object.metadata.name).toBe('missed');
    emit('virtualmachines', 'ADDED', vm('demo', 'live'));
    expect(objectEvents(again.sink).map((e) => e.object.metadata.name)).toEqual(['missed', 'live']);
  });

  it('resyncs with reason gap when what was missed fell out of the log', async () => {
    makeHub({ logCapacity: 3 });
    const first = await open(bob, ['virtualmachines/demo']);
    const lastId = first.sink.lastId();
    hub.disconnected(first.stream, first.sink);
    for (let i = 0; i < 5; i++) emit('virtualmachines', 'ADDED', vm('demo', `n${i}`));
    const again = await open(bob, [], lastId);
    expect(again.stream).toBe(first.stream);
    expect(again.sink.data().slice(1)).toEqual([
      { type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'gap' },
    ]);
  });

  it('gives a new stream and a gap resync for an id of another process or user', async () => {
    makeHub();
    const first = await open(bob, ['virtualmachines/demo']);
    const lastId = first.sink.lastId() ?? '';
    hub.disconnected(first.stream, first.sink);
    const other = await open(admin, ['nodes'], lastId);
    expect(other.stream).not.toBe(first.stream);
    expect(other.sink.data().slice(1)).toEqual([{ type: 'RESYNC', topic: 'nodes', reason: 'gap' }]);
    const stale = await open(bob, ['virtualmachines/demo'], lastId.replace(/^ep\./, 'old.'));
    expect(stale.stream).not.toBe(first.stream);
    expect(stale.sink.data().slice(1)).toEqual([
      { type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'gap' },
    ]);
  });

  it('resyncs on resume a topic the tab never saw go live', async () => {
    makeHub();
    const first = await open(admin, ['virtualmachines/demo']);
    const lastId = first.sink.lastId();
    hub.setTopics(first.stream, topics('virtualmachines/demo', 'nodes'));
    await first.sink.until((m) => m.type === 'RESYNC' && m.topic === 'nodes');
    // The connection dies before the tab read that RESYNC.
    hub.disconnected(first.stream, first.sink);
    emit('virtualmachines', 'MODIFIED', vm('demo', 'x'));
    const again = await open(admin, [], lastId);
    expect(again.sink.data().slice(1)).toEqual([
      expect.objectContaining({ type: 'MODIFIED', topic: 'virtualmachines/demo' }),
      { type: 'RESYNC', topic: 'nodes', reason: 'subscribed' },
    ]);
  });

  it('drops a client whose buffer outgrows the bound; it can resume', async () => {
    const counts: number[] = [];
    makeHub({ maxBufferedBytes: 4096, clients: (d) => counts.push(d) });
    const { sink, stream } = await open(admin, ['virtualmachines']);
    sink.writableLength = 5000;
    emit('virtualmachines', 'ADDED', vm('demo', 'big'));
    expect(sink.destroyed).toBe(true);
    expect(stream.sink).toBeUndefined();
    expect(hub.connected).toBe(0);
    expect(counts).toEqual([1, -1]);
    const again = await open(admin, [], sink.lastId());
    expect(again.stream).toBe(stream);
  });

  it('refuses more streams per user than the limit with 429', async () => {
    makeHub({ maxStreamsPerIdentity: 2 });
    await open(bob, []);
    await open(bob, []);
    await expect(open(bob, [])).rejects.toMatchObject({ status: { code: 429 } });
    await open(admin, []);
  });

  it('ends every stream on close', async () => {
    makeHub();
    const a = await open(admin, ['nodes']);
    hub.close();
    expect(a.sink.ended).toBe(true);
    expect(hub.connected).toBe(0);
    emit('nodes', 'ADDED', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } });
    expect(objectEvents(a.sink)).toEqual([]);
  });
});
