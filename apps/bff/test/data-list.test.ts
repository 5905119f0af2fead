import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_RESOURCES,
  CLUSTER_RESOURCES,
  NAMESPACED_RESOURCES,
  type KubeObject,
  type ListPage,
  type Status,
  type VmRow,
} from '@dvp/api';
import { dvpPath, seed, seedVm, setStatus, upstreamCount } from './data-fixtures.ts';
import { call, eventually, useStack } from './harness.ts';

const NS = 'demo';
const list = `/api/v1/namespaces/${NS}/virtualmachines`;

describe('VM list through the BFF (cache, filters, facets, paging)', () => {
  const stack = useStack();

  beforeAll(async () => {
    const s = stack();
    const vms: [string, Record<string, string>, Record<string, unknown> | null][] = [
      ['web-1', { app: 'web' }, { phase: 'Running', nodeName: 'node-a', ipAddress: '10.66.10.1' }],
      ['web-2', { app: 'web' }, { phase: 'Running', nodeName: 'node-b', ipAddress: '10.66.10.2' }],
      ['web-3', { app: 'web', tier: 'canary' }, { phase: 'Stopped' }],
      ['db-1', { app: 'db' }, { phase: 'Running', nodeName: 'node-a', ipAddress: '10.66.10.9' }],
      ['db-2', { app: 'db' }, { phase: 'Stopped' }],
      ['batch', {}, null],
    ];
    await Promise.all(
      vms.map(async ([name, labels, status]) => {
        await seedVm(s, NS, name, { labels });
        if (status) await setStatus(s, NS, 'virtualmachines', name, status);
      }),
    );
    await seed(s, NS, 'virtualmachineoperations', {
      kind: 'VirtualMachineOperation',
      metadata: { name: 'web-1-stop-old' },
      spec: { type: 'Stop', virtualMachineName: 'web-1' },
    });
    // The sandbox refuses a second operation while one is unfinished, as DVP does.
    await setStatus(s, NS, 'virtualmachineoperations', 'web-1-stop-old', { phase: 'Completed' });
    await seed(s, NS, 'virtualmachineoperations', {
      kind: 'VirtualMachineOperation',
      metadata: { name: 'web-1-start-new' },
      spec: { type: 'Start', virtualMachineName: 'web-1' },
    });
    // The cache sees the last status write before the tests start.
    await eventually(async () => {
      const r = await call<ListPage<VmRow>>(s, 'admin', 'GET', `${list}?node=node-a`);
      return r.body.total === 2;
    });
  });

  it('answers rows sorted by name with facets and the cache resourceVersion', async () => {
    const r = await call<ListPage<VmRow>>(stack(), 'admin', 'GET', list);
    expect(r.status).toBe(200);
    expect(r.body.items.map((x) => x.name)).toEqual([
      'batch',
      'db-1',
      'db-2',
      'web-1',
      'web-2',
      'web-3',
    ]);
    expect(r.body.total).toBe(6);
    expect(r.body.continue).toBeUndefined();
    expect(r.body.resourceVersion).toBe(
      stack().ctx.cache.informer('virtualmachines').resourceVersion,
    );
    expect(r.body.facets).toEqual({
      phase: { Running: 3, Stopped: 2, Pending: 1 },
      node: { 'node-a': 2, 'node-b': 1 },
    });
    const web1 = r.body.items.find((x) => x.name === 'web-1');
    expect(web1).toMatchObject({
      namespace: NS,
      phase: 'Running',
      node: 'node-a',
      ipAddress: '10.66.10.1',
      className: 'generic',
      disks: [{ kind: 'VirtualDisk', name: 'web-1-root' }],
      labels: { app: 'web' },
    });
    // The newest VMOP for the VM (names break the tie of equal creation seconds).
    expect(web1?.lastOperation).toMatchObject({ type: expect.any(String) as string });
    expect(['web-1-start-new', 'web-1-stop-old']).toContain(web1?.lastOperation?.name);
    expect(r.body.items.find((x) => x.name === 'db-1')?.lastOperation).toBeNull();
  });

  it('filters by text, label selector, phase and node; facets ignore the phase/node filters', async () => {
    const names = async (qs: string) => {
      const r = await call<ListPage<VmRow>>(stack(), 'bob', 'GET', `${list}?${qs}`);
      expect(r.status).toBe(200);
      return r.body;
    };
    expect((await names('q=WEB')).items.map((x) => x.name)).toEqual(['web-1', 'web-2', 'web-3']);
    expect((await names('q=10.66.10.9')).items.map((x) => x.name)).toEqual(['db-1']);
    expect((await names('q=node-b')).items.map((x) => x.name)).toEqual(['web-2']);
    const sel = await names(`labelSelector=${encodeURIComponent('app in (web),!tier')}`);
    expect(sel.items.map((x) => x.name)).toEqual(['web-1', 'web-2']);
    const running = await names('labelSelector=app%3Dweb&phase=Running,Starting');
    expect(running.items.map((x) => x.name)).toEqual(['web-1', 'web-2']);
    expect(running.total).toBe(2);
    expect(running.facets.phase).toEqual({ Running: 2, Stopped: 1 });
    const nodes = await names('node=node-a&sort=-name');
    expect(nodes.items.map((x) => x.name)).toEqual(['web-1', 'db-1']);
    expect(nodes.facets.node).toEqual({ 'node-a': 2, 'node-b': 1 });
  });

  it('sorts by any VM key both ways with a stable name tiebreak', async () => {
    const order = async (sort: string) =>
      (await call<ListPage<VmRow>>(stack(), 'admin', 'GET', `${list}?sort=${sort}`)).body.items.map(
        (x) => x.name,
      );
    expect(await order('phase')).toEqual(['batch', 'db-1', 'web-1', 'web-2', 'db-2', 'web-3']);
    expect(await order('-phase')).toEqual(['db-2', 'web-3', 'db-1', 'web-1', 'web-2', 'batch']);
    // VMs without a node sort last both ways.
    expect(await order('node')).toEqual(['db-1', 'web-1', 'web-2', 'batch', 'db-2', 'web-3']);
    expect(await order('-ipAddress')).toEqual(['db-1', 'web-2', 'web-1', 'batch', 'db-2', 'web-3']);
  });

  it('pages with opaque continue tokens to the end without repeats', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const qs = `limit=4&sort=-name${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      const r = await call<ListPage<VmRow>>(stack(), 'admin', 'GET', `${list}?${qs}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(6);
      seen.push(...r.body.items.map((x) => x.name));
      token = r.body.continue;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual(['web-3', 'web-2', 'web-1', 'db-2', 'db-1', 'batch']);
  });

  it('refuses a bad selector, sort key, limit or continue token with a 4xx Status', async () => {
    const bad = async (qs: string) => {
      const r = await call<Status>(stack(), 'admin', 'GET', `${list}?${qs}`);
      expect(r.body.kind).toBe('Status');
      return r;
    };
    const sel = await bad('labelSelector=app%20in%20(');
    expect(sel.status).toBe(400);
    expect(sel.body).toMatchObject({ reason: 'BadRequest' });
    // kube's own parser message, the same `kubectl get -l` shows.
    const direct = await stack()
      .kube('admin', { path: dvpPath(NS, 'virtualmachines'), query: { labelSelector: 'app in (' } })
      .catch((e: { status: Status }) => e.status);
    expect(sel.body.message).toBe((direct as Status).message);
    // …and names the field, so the list shows it under its selector input.
    expect(sel.body.details?.causes).toEqual([
      { reason: 'FieldValueInvalid', message: sel.body.message, field: 'labelSelector' },
    ]);
    // Every list endpoint answers it alike (they share the list engine).
    for (const path of [`/api/v1/namespaces/${NS}/virtualdisks`, '/api/v1/cluster/nodes']) {
      const other = await call<Status>(stack(), 'admin', 'GET', `${path}?labelSelector=a%20in%20(`);
      expect(other.status).toBe(400);
      expect(other.body.details?.causes?.[0]?.field).toBe('labelSelector');
    }

    const sort = await bad('sort=colour');
    expect(sort.status).toBe(422);
    expect(sort.body.details?.causes).toEqual([
      expect.objectContaining({ field: 'query.sort', reason: 'FieldValueNotSupported' }),
    ]);
    expect((await bad('limit=501')).status).toBe(422);
    expect((await bad('limit=0')).status).toBe(422);
    const cont = await bad('continue=not-a-token');
    expect(cont.status).toBe(400);
    expect(cont.body.message).toMatch(/continue token/);
  });

  it('serves repeated lists from the cache (no upstream GET) and reflects writes', async () => {
    const s = stack();
    await call(s, 'alice', 'GET', list); // warm alice's access reviews
    const gets = await upstreamCount(s, 'GET');
    const lists = s.ctx.cache.informer('virtualmachines').lists;
    for (let i = 0; i < 3; i++) expect((await call(s, 'alice', 'GET', list)).status).toBe(200);
    expect(await upstreamCount(s, 'GET')).toBe(gets);
    expect(s.ctx.cache.informer('virtualmachines').lists).toBe(lists);

    const created = await call<KubeObject>(s, 'alice', 'POST', list, {
      metadata: { name: 'fresh' },
      spec: {
        virtualMachineClassName: 'generic',
        cpu: { cores: 1, coreFraction: '10%' },
        memory: { size: '256Mi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'fresh-root' }],
      },
    });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const r = await call<ListPage<VmRow>>(s, 'alice', 'GET', `${list}?q=fresh`);
      return r.body.items[0]?.name === 'fresh';
    });
    await s.kube('admin', { method: 'DELETE', path: dvpPath(NS, 'virtualmachines', 'fresh') });
    await eventually(async () => {
      const r = await call<ListPage<VmRow>>(s, 'alice', 'GET', `${list}?q=fresh`);
      return r.body.total === 0;
    });
  });

  it('answers each user what the cluster lets them list (bob sees demo VMs, mallory gets its 403)', async () => {
    const bob = await call<ListPage<VmRow>>(stack(), 'bob', 'GET', list);
    expect(bob.status).toBe(200);
    expect(bob.body.total).toBe(6);
    const mallory = await call<Status>(stack(), 'mallory', 'GET', list);
    expect(mallory.status).toBe(403);
    expect(mallory.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(mallory.body.message).toContain('cannot list resource "virtualmachines"');
    expect(mallory.body.message).toContain('mallory');
    const carol = await call<Status>(stack(), 'carol', 'GET', list);
    expect(carol.status).toBe(403);
  });

  it('lists other kinds through the generic endpoints with the same engine', async () => {
    const ops = await call<ListPage<KubeObject>>(
      stack(),
      'dave',
      'GET',
      `/api/v1/namespaces/${NS}/virtualmachineoperations?sort=-name`,
    );
    expect(ops.status).toBe(200);
    expect(ops.body.items.map((o) => o.metadata.name)).toEqual([
      'web-1-stop-old',
      'web-1-start-new',
    ]);
    expect(ops.body.items[0]).toMatchObject({ kind: 'VirtualMachineOperation' });
    const classes = await call<ListPage<KubeObject>>(
      stack(),
      'carol',
      'GET',
      '/api/v1/cluster/virtualmachineclasses?q=gener',
    );
    expect(classes.status).toBe(200);
    expect(classes.body.items.map((o) => o.metadata.name)).toEqual(['generic']);
    const nodes = await call<ListPage<KubeObject>>(
      stack(),
      'admin',
      'GET',
      '/api/v1/cluster/nodes',
    );
    expect(nodes.status).toBe(200);
    expect(nodes.body.total).toBeGreaterThan(0);
    const denied = await call<Status>(stack(), 'bob', 'GET', '/api/v1/cluster/nodes');
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('cannot list resource "nodes"');
    const unknown = await call<Status>(stack(), 'admin', 'GET', `/api/v1/namespaces/${NS}/secrets`);
    expect(unknown.status).toBe(404);
    const badSort = await call<Status>(stack(), 'admin', 'GET', '/api/v1/cluster/nodes?sort=cores');
    expect(badSort.status).toBe(422);
  });

  it('serves every kind of the contract through the generic list and view endpoints', async () => {
    const s = stack();
    const kinds = [
      ...NAMESPACED_RESOURCES.filter((r) => r !== 'virtualmachines').map((r) => ({
        r,
        url: `/api/v1/namespaces/${NS}/${r}`,
      })),
      ...CLUSTER_RESOURCES.map((r) => ({ r, url: `/api/v1/cluster/${r}` })),
    ];
    for (const { r, url } of kinds) {
      const page = await call<ListPage<KubeObject>>(s, 'admin', 'GET', `${url}?sort=-age`);
      expect({ r, status: page.status }).toEqual({ r, status: 200 });
      expect(page.body.total).toBe(page.body.items.length);
      const first = page.body.items[0];
      if (!first) continue;
      expect({ r, kind: first.kind }).toEqual({ r, kind: API_RESOURCES[r].kind });
      const one = await call<KubeObject>(s, 'admin', 'GET', `${url}/${first.metadata.name ?? ''}`);
      expect(one.status).toBe(200);
      expect(one.body.metadata.uid).toBe(first.metadata.uid);
    }
    const ns = await call<ListPage<KubeObject>>(s, 'carol', 'GET', '/api/v1/cluster/namespaces');
    expect(ns.body.facets.phase).toMatchObject({ Active: expect.any(Number) as number });
    const nodes = await call<ListPage<KubeObject>>(s, 'admin', 'GET', '/api/v1/cluster/nodes');
    expect(Object.keys(nodes.body.facets.phase)).toEqual(expect.arrayContaining(['Ready']));
  });
});
