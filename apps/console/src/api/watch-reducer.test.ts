import type { KubeObject, ListPage, VmDetail, VmPlacementList, VmRow } from '@dvp/api';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { vmRowFixture } from '../testing/vm-row.ts';
import { applyStreamMessage, replaceVmRow, withOperation } from './watch-reducer.ts';

const row = (name: string, rv: string, extra: Partial<VmRow> = {}): VmRow =>
  vmRowFixture({ name, resourceVersion: rv, agent: null, ...extra });

const page = (items: VmRow[]): ListPage<VmRow> => ({
  items,
  total: items.length,
  resourceVersion: '1',
  facets: { phase: {}, node: {} },
});

const op = (name: string, vm: string, created: string, phase = 'InProgress'): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineOperation',
  metadata: { name, namespace: 'demo', uid: `op-${name}`, creationTimestamp: created },
  spec: { type: 'Evict', virtualMachineName: vm },
  status: { phase },
});

describe('the stream → cache reducer', () => {
  it('replaces a modified row in place and keeps its last operation', () => {
    const lastOperation = { name: 'op', type: 'Start', phase: 'Completed', creationTimestamp: 'x' };
    const before = page([row('a', '1'), row('b', '1', { lastOperation }), row('c', '1')]);
    const { lastOperation: _drop, ...modified } = row('b', '2', { phase: 'Stopping' });
    const after = replaceVmRow(before, modified);
    expect(after.items.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(after.items[1]).toMatchObject({ phase: 'Stopping', lastOperation });
    // The same resourceVersion again changes nothing (same object identity).
    expect(replaceVmRow(after, modified)).toBe(after);
  });

  it('keeps the newest operation of a VM on its row and clears it when that one is deleted', () => {
    const p0 = page([row('a', '1')]);
    const p1 = withOperation(p0, op('new', 'a', '2026-01-02T00:00:00Z'), false);
    expect(p1.items[0]?.lastOperation?.name).toBe('new');
    const p2 = withOperation(p1, op('old', 'a', '2026-01-01T00:00:00Z'), false);
    expect(p2).toBe(p1);
    const p3 = withOperation(p2, op('new', 'a', '2026-01-02T00:00:00Z'), true);
    expect(p3.items[0]?.lastOperation).toBeNull();
  });

  it('removes deleted VMs from cached pages and refetches pages on an added one', () => {
    const client = new QueryClient();
    const key = ['vmList', { namespace: 'demo' }, {}];
    client.setQueryData(key, page([row('a', '1'), row('b', '1')]));
    const vm = (name: string) => ({ metadata: { name, namespace: 'demo', uid: `uid-${name}` } });
    applyStreamMessage(client, { type: 'DELETED', topic: 'virtualmachines/demo', object: vm('a') });
    const data = client.getQueryData<ListPage<VmRow>>(key);
    expect(data?.items.map((r) => r.name)).toEqual(['b']);
    expect(data?.total).toBe(1);
    expect(client.getQueryState(key)?.isInvalidated).toBe(false);
    applyStreamMessage(client, { type: 'ADDED', topic: 'virtualmachines/demo', object: vm('z') });
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    // Another namespace's events leave this list alone.
    client.setQueryData(key, page([row('b', '1')]));
    applyStreamMessage(client, {
      type: 'DELETED',
      topic: 'virtualmachines/other',
      object: vm('b'),
    });
    expect(client.getQueryData<ListPage<VmRow>>(key)?.items).toHaveLength(1);
  });

  it('keeps the VM placement list in step with VM events (and within its namespaces)', () => {
    const client = new QueryClient();
    const key = ['vmPlacementList', {}];
    const vm = (name: string, ns: string, node?: string): KubeObject => ({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name, namespace: ns, uid: `uid-${name}` },
      spec: { cpu: { cores: 1 }, memory: { size: '1Gi' } },
      status: { phase: 'Running', ...(node ? { nodeName: node } : {}) },
    });
    const list: VmPlacementList = { items: [], namespaces: ['demo'] };
    client.setQueryData(key, list);
    applyStreamMessage(client, {
      type: 'ADDED',
      topic: 'virtualmachines',
      object: vm('a', 'demo'),
    });
    applyStreamMessage(client, {
      type: 'ADDED',
      topic: 'virtualmachines',
      object: vm('x', 'other'),
    });
    const names = () => client.getQueryData<VmPlacementList>(key)?.items.map((p) => p.name);
    expect(names()).toEqual(['a']);
    applyStreamMessage(client, {
      type: 'MODIFIED',
      topic: 'virtualmachines',
      object: vm('a', 'demo', 'node-2'),
    });
    expect(client.getQueryData<VmPlacementList>(key)?.items[0]).toMatchObject({
      node: 'node-2',
      cores: 1,
      memory: '1Gi',
    });
    applyStreamMessage(client, {
      type: 'DELETED',
      topic: 'virtualmachines',
      object: vm('a', 'demo'),
    });
    expect(names()).toEqual([]);
  });

  it('puts a VM event on its page unless it is older than the spec shown, and refetches', () => {
    const client = new QueryClient();
    const key = ['vmView', { namespace: 'demo', name: 'a' }];
    const vm = (rv: string, generation: number, cores: number) => ({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name: 'a', namespace: 'demo', uid: 'uid-a', resourceVersion: rv, generation },
      spec: { cpu: { cores } },
    });
    const shown = () => client.getQueryData<VmDetail>(key)?.vm.metadata.resourceVersion;
    client.setQueryData(key, { vm: vm('12', 2, 2), row: row('a', '12') });
    const event = (v: ReturnType<typeof vm>) =>
      applyStreamMessage(client, {
        type: 'MODIFIED',
        topic: 'virtualmachines/demo',
        object: v,
        row: row('a', v.metadata.resourceVersion),
      });
    // The event of the write before the save the page read fresh: not shown, refetched.
    event(vm('11', 1, 1));
    expect(shown()).toBe('12');
    expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    // A status write after it (same spec): shown.
    event(vm('13', 2, 2));
    expect(shown()).toBe('13');
  });

  describe('a first fetch in flight when a change arrives', () => {
    const key = [
      'resourceView',
      { namespace: 'demo', resource: 'virtualmachinesnapshotoperations', name: 'op1' },
    ];
    const topic = 'virtualmachinesnapshotoperations/demo';
    const opAt = (phase: string): KubeObject => ({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachineSnapshotOperation',
      metadata: { name: 'op1', namespace: 'demo', uid: 'op-uid' },
      status: { phase },
    });

    /**
     * A page showing op1: each fetch answers what the server has when it is served, and the
     * answer arrives when the test releases it (the server moves on in between).
     */
    function page() {
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      let server = opAt('InProgress');
      const answers: (() => void)[] = [];
      let fetches = 0;
      const observer = new QueryObserver(client, {
        queryKey: key,
        queryFn: () => {
          fetches += 1;
          const served = server;
          return new Promise<KubeObject>((resolve) => answers.push(() => resolve(served)));
        },
      });
      const unsubscribe = observer.subscribe(() => undefined);
      const settle = async () => {
        while (answers.length) {
          answers.shift()?.();
          await new Promise((r) => setTimeout(r, 0));
        }
      };
      return {
        client,
        complete: () => (server = opAt('Completed')),
        settle,
        fetches: () => fetches,
        phase: () => (client.getQueryData<KubeObject>(key)?.status as { phase?: string })?.phase,
        unsubscribe,
      };
    }

    it('a RESYNC (the topic went live after the change) fetches again once it settles', async () => {
      const p = page();
      // Served InProgress; the operation completes before the topic is live, so no event.
      p.complete();
      applyStreamMessage(p.client, { type: 'RESYNC', topic, reason: 'subscribed' });
      await p.settle();
      expect(p.fetches()).toBe(2);
      expect(p.phase()).toBe('Completed');
      p.unsubscribe();
    });

    it('an event it may not include fetches again once it settles', async () => {
      const p = page();
      p.complete();
      applyStreamMessage(p.client, { type: 'MODIFIED', topic, object: opAt('Completed') });
      applyStreamMessage(p.client, { type: 'MODIFIED', topic, object: opAt('Completed') });
      await p.settle();
      expect(p.fetches()).toBe(2);
      expect(p.phase()).toBe('Completed');
      p.unsubscribe();
    });
  });
});
