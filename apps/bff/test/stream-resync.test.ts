import { describe, expect, it } from 'vitest';
import {
  API_RESOURCES,
  kubePath,
  parseTopicKey,
  type ApiResourceName,
  type KubeObject,
} from '@dvp/api';
import { dvpPath, vmBody } from './data-fixtures.ts';
import { eventually, useStack, type SandboxUserName, type Stack } from './harness.ts';
import { SseClient } from './stream-client.ts';

/**
 * Acceptance 3: after a sandbox restart (the shared watch drops, the informer relists) streams
 * get RESYNC and, applying events and refetching on RESYNC as the console does, end up with the
 * cluster's state; a dropped browser connection resumes from Last-Event-ID or resyncs.
 */

const CLASSES = '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses';

/**
 * The console's cache for one tab: applies events in order, and on RESYNC refetches the topic's
 * list (as the user, straight from the cluster until the BFF's list endpoints serve every kind)
 * before applying anything after it.
 */
class Mirror {
  readonly lists = new Map<string, Map<string, string>>();
  resyncs: string[] = [];
  private done = 0;
  private running = false;

  constructor(
    private readonly stack: Stack,
    readonly client: SseClient,
  ) {
    void this.pump();
    client.res.on('data', () => void this.pump());
  }

  /** name → resourceVersion of a topic's objects. */
  state(topic: string): Record<string, string> {
    return Object.fromEntries([...(this.lists.get(topic) ?? [])].sort());
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.done < this.client.messages.length) {
        const m = this.client.messages[this.done]?.data;
        this.done += 1;
        if (!m) continue;
        if (m.type === 'RESYNC') {
          this.resyncs.push(`${m.topic} ${m.reason}`);
          this.lists.set(m.topic, await this.relist(m.topic));
        } else if (m.type === 'ADDED' || m.type === 'MODIFIED' || m.type === 'DELETED') {
          const list = this.lists.get(m.topic) ?? new Map<string, string>();
          this.lists.set(m.topic, list);
          const name = m.object.metadata.name ?? '';
          if (m.type === 'DELETED') list.delete(name);
          else list.set(name, m.object.metadata.resourceVersion ?? '');
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async relist(topic: string): Promise<Map<string, string>> {
    // A refetch that fails (the cluster is restarting) is retried, as the console's queries are.
    const items = await eventually<KubeObject[]>(
      () => clusterList(this.stack, this.client.user, topic),
      60_000,
    );
    return new Map(items.map((o) => [o.metadata.name ?? '', o.metadata.resourceVersion ?? '']));
  }
}

async function clusterList(stack: Stack, user: SandboxUserName, topic: string) {
  const { resource, namespace } = parseTopicKey(topic);
  const api = API_RESOURCES[resource as ApiResourceName];
  const list = await stack.kube<{ items: KubeObject[] }>(user, { path: kubePath(api, namespace) });
  return list.items;
}

async function clusterState(
  stack: Stack,
  user: SandboxUserName,
  topic: string,
): Promise<Record<string, string>> {
  const items = await clusterList(stack, user, topic);
  return Object.fromEntries(
    items
      .map((o): [string, string] => [o.metadata.name ?? '', o.metadata.resourceVersion ?? ''])
      .sort(),
  );
}

const createVm = (s: Stack, ns: string, name: string) =>
  s.kube('admin', { method: 'POST', path: dvpPath(ns, 'virtualmachines'), body: vmBody(name) });
const labelVm = (s: Stack, ns: string, name: string, value: string) =>
  s.kube('admin', {
    method: 'PATCH',
    path: dvpPath(ns, 'virtualmachines', name),
    body: { metadata: { labels: { step: value } } },
    contentType: 'application/merge-patch+json',
  });
const deleteVm = (s: Stack, ns: string, name: string) =>
  s.kube('admin', { method: 'DELETE', path: dvpPath(ns, 'virtualmachines', name) });

const labelClass = (s: Stack, value: string) =>
  s.kube('admin', {
    method: 'PATCH',
    path: `${CLASSES}/generic`,
    body: { metadata: { labels: { step: value } } },
    contentType: 'application/merge-patch+json',
  });

describe('event stream resync and resume', () => {
  const stack = useStack();

  it('converges on the cluster state after a sandbox restart, with RESYNC for the relisted kinds', async () => {
    const s = stack();
    await createVm(s, 'demo', 'rs-1');
    const watchers: [SandboxUserName, string[]][] = [
      ['admin', ['virtualmachines/demo', 'virtualmachineclasses']],
      ['admin', ['virtualmachines']],
      ['bob', ['virtualmachines/demo']],
    ];
    const mirrors = await Promise.all(
      watchers.map(async ([user, topics]) => new Mirror(s, await SseClient.open(s, user, topics))),
    );
    for (const [i, m] of mirrors.entries()) {
      for (const t of watchers[i]?.[1] ?? []) {
        await m.client.waitFor((d) => d.type === 'RESYNC' && d.topic === t);
      }
    }
    // Changes flow before the restart (and so both upstream watches are really connected).
    await createVm(s, 'demo', 'rs-2');
    await labelClass(s, 'before');
    for (const [i, m] of mirrors.entries()) {
      for (const t of watchers[i]?.[1] ?? []) {
        await m.client.waitFor((d) => d.type !== 'RESYNC' && 'topic' in d && d.topic === t);
      }
    }
    const marks = mirrors.map((m) => m.client.messages.length);

    await s.restartSandbox();
    // Written while the BFF's watches are still down (the informer is backing off).
    await createVm(s, 'demo', 'rs-3');
    await labelVm(s, 'demo', 'rs-1', 'while-down');
    await deleteVm(s, 'demo', 'rs-2');
    await eventually(() => s.ctx.cache.states().virtualmachines === 'watching', 30_000, 'rewatch');
    // And after.
    await createVm(s, 'demo', 'rs-4');
    await labelVm(s, 'demo', 'rs-3', 'after');
    await labelClass(s, 'after');

    for (const [i, m] of mirrors.entries()) {
      for (const t of watchers[i]?.[1] ?? []) {
        // Each kind was relisted after the restart: every topic of it says so.
        await m.client.waitFor(
          (d) => d.type === 'RESYNC' && d.topic === t && d.reason === 'relisted',
          marks[i],
        );
        await eventually(
          async () => {
            expect(m.state(t)).toEqual(await clusterState(s, m.client.user, t));
            return true;
          },
          20_000,
          `${m.client.user} ${t} to converge`,
        );
      }
    }
    const demo = mirrors[2]?.state('virtualmachines/demo') ?? {};
    expect(Object.keys(demo)).toEqual(expect.arrayContaining(['rs-1', 'rs-3', 'rs-4']));
    expect(Object.keys(demo)).not.toContain('rs-2');
    for (const m of mirrors) m.client.close();
  });

  it('resumes a dropped browser connection with Last-Event-ID: the same stream, what it missed', async () => {
    const s = stack();
    const first = await SseClient.open(s, 'bob', ['virtualmachines/demo']);
    const hello = await first.hello();
    await first.waitFor((d) => d.type === 'RESYNC');
    await createVm(s, 'demo', 'rm-1');
    await first.waitFor((d) => d.type === 'ADDED' && d.object.metadata.name === 'rm-1');
    const lastId = first.lastEventId;
    first.close();

    await labelVm(s, 'demo', 'rm-1', 'missed');
    await s.kube('admin', {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rm-other' } },
    });
    await createVm(s, 'rm-other', 'rm-hidden');
    await createVm(s, 'demo', 'rm-2');

    const again = await SseClient.open(s, 'bob', ['virtualmachines/demo'], {
      ...(lastId ? { lastEventId: lastId } : {}),
    });
    expect(again.status).toBe(200);
    expect((await again.hello()).streamId).toBe(hello.streamId);
    await again.waitFor((d) => d.type === 'ADDED' && d.object.metadata.name === 'rm-2');
    await createVm(s, 'demo', 'rm-3');
    await again.waitFor((d) => d.type === 'ADDED' && d.object.metadata.name === 'rm-3');
    expect(
      again.data().map((d) => ('object' in d ? `${d.type} ${d.object.metadata.name}` : d.type)),
    ).toEqual(['HELLO', 'MODIFIED rm-1', 'ADDED rm-2', 'ADDED rm-3']);
    again.close();
  });

  it('resyncs with reason gap when more changed than the BFF keeps while the tab was away', async () => {
    const s = stack();
    // Another tab keeps the events informer busy: every Event written lands in the BFF's log.
    const busy = await SseClient.open(s, 'admin', ['events/demo']);
    await busy.waitFor((d) => d.type === 'RESYNC');
    const first = await SseClient.open(s, 'bob', ['virtualmachines/demo']);
    const hello = await first.hello();
    await first.waitFor((d) => d.type === 'RESYNC');
    const lastId = first.lastEventId;
    first.close();
    // More than the log holds (4096 entries).
    const total = 4200;
    let written = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (written < total) {
          written += 1;
          await s.kube('admin', {
            method: 'POST',
            path: '/api/v1/namespaces/demo/events',
            body: {
              apiVersion: 'v1',
              kind: 'Event',
              metadata: { generateName: 'churn-' },
              involvedObject: { kind: 'VirtualMachine', name: 'x', namespace: 'demo' },
              reason: 'Churn',
              message: 'churn',
              type: 'Normal',
            },
          });
        }
      }),
    );
    await busy.waitFor((d) => d.type === 'ADDED' && busy.objectEvents().length === total);
    const again = await SseClient.open(s, 'bob', ['virtualmachines/demo'], {
      ...(lastId ? { lastEventId: lastId } : {}),
    });
    // The same stream (its topics are known), but what it missed is gone: refetch.
    expect((await again.hello()).streamId).toBe(hello.streamId);
    const resync = await again.waitFor((d) => d.type === 'RESYNC');
    expect(resync.data).toEqual({ type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'gap' });
    expect(again.objectEvents()).toEqual([]);
    busy.close();
    again.close();
  });

  it('resyncs with reason gap for an id it cannot resume (another BFF process, unknown stream)', async () => {
    const s = stack();
    const first = await SseClient.open(s, 'bob', ['virtualmachines/demo']);
    const hello = await first.hello();
    await first.waitFor((d) => d.type === 'RESYNC');
    const lastId = first.lastEventId ?? '';
    first.close();
    const fromOldProcess = `0ldEpoch.${lastId.split('.').slice(1).join('.')}`;
    const again = await SseClient.open(s, 'bob', ['virtualmachines/demo'], {
      lastEventId: fromOldProcess,
    });
    expect((await again.hello()).streamId).not.toBe(hello.streamId);
    const resync = await again.waitFor((d) => d.type === 'RESYNC');
    expect(resync.data).toEqual({ type: 'RESYNC', topic: 'virtualmachines/demo', reason: 'gap' });
    // Someone else's id does not resume their stream either.
    const mallory = await SseClient.open(s, 'mallory', ['virtualmachines/demo'], {
      lastEventId: lastId,
    });
    expect((await mallory.hello()).streamId).not.toBe(hello.streamId);
    again.close();
    mallory.close();
  });
});
