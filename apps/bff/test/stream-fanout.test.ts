import { describe, expect, it } from 'vitest';
import { endpoints, buildPath, type KubeObject, type StreamMessage } from '@dvp/api';
import { dvpPath, vmBody } from './data-fixtures.ts';
import { call, eventually, useStack, type SandboxUserName, type Stack } from './harness.ts';
import { SseClient } from './stream-client.ts';

/**
 * Acceptance 2: 500 browser streams of 3 users with different rights share one upstream watch
 * per kind, and each stream gets exactly the changes its user may see on its topics.
 */

const CLASSES = '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses';
const ALL = [
  'virtualmachines/demo',
  'virtualmachines/other-ns',
  'virtualmachineclasses',
  'virtualmachines',
];
const SOME = ['virtualmachines/demo', 'virtualmachineclasses'];

/** What each user may watch (the sandbox's RBAC, see apps/sandbox/src/auth/users.ts). */
const VISIBLE: Record<string, Set<string>> = {
  admin: new Set(ALL),
  bob: new Set(['virtualmachines/demo', 'virtualmachineclasses']),
  mallory: new Set(),
};

const USERS: [SandboxUserName, number][] = [
  ['admin', 170],
  ['bob', 170],
  ['mallory', 160],
];

interface Change {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  topics: string[];
  name: string;
}

async function openAll(stack: Stack): Promise<{ client: SseClient; topics: string[] }[]> {
  const specs = USERS.flatMap(([user, n]) =>
    Array.from({ length: n }, (_, i) => ({ user, topics: i % 2 === 0 ? ALL : SOME })),
  );
  const out: { client: SseClient; topics: string[] }[] = [];
  for (let i = 0; i < specs.length; i += 50) {
    const batch = specs.slice(i, i + 50);
    out.push(
      ...(await Promise.all(
        batch.map(async (s) => ({
          client: await SseClient.open(stack, s.user, s.topics),
          topics: s.topics,
        })),
      )),
    );
  }
  return out;
}

/** Each topic answered: RESYNC when visible, ERROR 403 when not. */
async function settled(client: SseClient, topics: string[]) {
  for (const t of topics) {
    await client.waitFor((m) => (m.type === 'RESYNC' || m.type === 'ERROR') && m.topic === t);
  }
  const visible = VISIBLE[client.user] ?? new Set();
  for (const t of topics) {
    const m = client.data().find((d) => 'topic' in d && d.topic === t);
    if (visible.has(t)) expect(m).toEqual({ type: 'RESYNC', topic: t, reason: 'subscribed' });
    else
      expect(m).toMatchObject({
        type: 'ERROR',
        topic: t,
        status: { code: 403, reason: 'Forbidden' },
      });
  }
}

const summary = (m: StreamMessage) =>
  'object' in m ? `${m.type} ${m.topic} ${m.object.metadata.name ?? ''}` : m.type;

async function metric(stack: Stack, name: string): Promise<number> {
  const text = await (await fetch(`${stack.origin}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

describe('event stream fan-out', () => {
  const stack = useStack();

  it('500 streams of 3 users: one upstream watch per kind, each stream exactly its authorized events', async () => {
    const s = stack();
    await s.kube('admin', {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other-ns' } },
    });
    const generic = await s.kube<KubeObject>('admin', { path: `${CLASSES}/generic` });

    const clients = await openAll(s);
    await Promise.all(clients.map(({ client, topics }) => settled(client, topics)));
    expect(await metric(s, 'dvp_bff_stream_clients')).toBe(500);

    // Changes, written as admin straight to the sandbox.
    const changes: Change[] = [];
    const vm = (ns: string) => ['virtualmachines', `virtualmachines/${ns}`];
    const write = async (change: Change, req: Parameters<Stack['kube']>[1]) => {
      await s.kube('admin', req);
      changes.push(change);
    };
    await write(
      { type: 'ADDED', topics: vm('demo'), name: 'fan-a' },
      { method: 'POST', path: dvpPath('demo', 'virtualmachines'), body: vmBody('fan-a') },
    );
    await write(
      { type: 'ADDED', topics: vm('other-ns'), name: 'fan-b' },
      { method: 'POST', path: dvpPath('other-ns', 'virtualmachines'), body: vmBody('fan-b') },
    );
    await write(
      { type: 'MODIFIED', topics: vm('demo'), name: 'fan-a' },
      {
        method: 'PATCH',
        path: dvpPath('demo', 'virtualmachines', 'fan-a'),
        body: { metadata: { labels: { tier: 'web' } } },
        contentType: 'application/merge-patch+json',
      },
    );
    await write(
      { type: 'ADDED', topics: ['virtualmachineclasses'], name: 'fan-class' },
      {
        method: 'POST',
        path: CLASSES,
        body: { ...generic, metadata: { name: 'fan-class' }, status: undefined },
      },
    );
    await write(
      { type: 'MODIFIED', topics: ['virtualmachineclasses'], name: 'fan-class' },
      {
        method: 'PATCH',
        path: `${CLASSES}/fan-class`,
        body: { metadata: { labels: { size: 'small' } } },
        contentType: 'application/merge-patch+json',
      },
    );
    await write(
      { type: 'DELETED', topics: vm('other-ns'), name: 'fan-b' },
      { method: 'DELETE', path: dvpPath('other-ns', 'virtualmachines', 'fan-b') },
    );
    await write(
      { type: 'DELETED', topics: ['virtualmachineclasses'], name: 'fan-class' },
      { method: 'DELETE', path: `${CLASSES}/fan-class` },
    );
    await write(
      { type: 'DELETED', topics: vm('demo'), name: 'fan-a' },
      { method: 'DELETE', path: dvpPath('demo', 'virtualmachines', 'fan-a') },
    );

    // A sentinel per stream: adding a topic answers on the same connection after everything
    // delivered before it, so a stream that got nothing more really got nothing more.
    await Promise.all(
      clients.map(async ({ client, topics }) => {
        const hello = await client.hello();
        const from = client.messages.length;
        const r = await call(
          s,
          client.user,
          'PUT',
          buildPath(endpoints.streamTopicsUpdate.path, { streamId: hello.streamId }),
          { topics: [...topics, 'nodes'] },
        );
        expect(r.status).toBe(200);
        await client.waitFor((m) => 'topic' in m && m.topic === 'nodes', from);
      }),
    );

    for (const { client, topics } of clients) {
      const visible = VISIBLE[client.user] ?? new Set();
      const expected = changes.flatMap((c) =>
        c.topics
          .filter((t) => topics.includes(t) && visible.has(t))
          .map((t) => `${c.type} ${t} ${c.name}`),
      );
      expect(client.objectEvents().map(summary), `${client.user} ${topics.join(',')}`).toEqual(
        expected,
      );
      // VM events carry the list row.
      for (const e of client.objectEvents()) {
        if (e.topic.startsWith('virtualmachines')) expect(e.row?.name).toBe(e.object.metadata.name);
      }
    }

    // One list and one watch per kind, for everybody; access asked per (user, topic), not per tab.
    const states = s.ctx.cache.states();
    expect(Object.keys(states).sort()).toEqual([
      'nodes',
      'virtualmachineclasses',
      'virtualmachines',
    ]);
    expect(await metric(s, 'dvp_bff_upstream_watches')).toBe(3);
    for (const kind of ['virtualmachines', 'virtualmachineclasses', 'nodes'] as const) {
      expect(s.ctx.cache.informer(kind).watches, kind).toBe(1);
      expect(s.ctx.cache.informer(kind).lists, kind).toBe(1);
    }
    // 3 users × (who-am-I + 5 topics × (watch + list)): 500 tabs would be 5,500.
    expect(s.ctx.reviewer.sent).toBeLessThanOrEqual(33);

    for (const { client } of clients) client.close();
    await eventually(async () => (await metric(s, 'dvp_bff_stream_clients')) === 0);
  });
});
