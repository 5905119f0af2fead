import { describe, expect, it } from 'vitest';
import { api, useTestSandbox, vmManifest } from './harness.ts';

// API semantics only: the DVP controllers would add finalizers and status to the VMs used here.
const sandbox = useTestSandbox({ controllers: false });

const G = 'virtualization.deckhouse.io';
const nsPath = (ns: string) => `/apis/${G}/v1alpha2/namespaces/${ns}/virtualmachines`;

interface Meta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  ownerReferences?: { uid: string }[];
  managedFields?: { manager: string; operation: string }[];
}
interface List {
  metadata: { continue?: string; remainingItemCount?: number; resourceVersion: string };
  items: { metadata: Meta }[];
}

async function namespace(name: string) {
  const r = await api(sandbox(), 'POST', '/api/v1/namespaces', {
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  });
  expect(r.status).toBe(201);
}

describe('list paging and selectors', () => {
  it('pages with limit and continue, in name order, without losing or repeating items', async () => {
    await namespace('paging');
    for (let i = 0; i < 7; i++) {
      expect(
        (
          await api(sandbox(), 'POST', nsPath('paging'), {
            body: vmManifest(`p${i}`, { labels: { odd: String(i % 2) } }),
          })
        ).status,
      ).toBe(201);
    }
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await api(
        sandbox(),
        'GET',
        `${nsPath('paging')}?limit=3${token ? `&continue=${encodeURIComponent(token)}` : ''}`,
      );
      const list = r.json as List;
      names.push(...list.items.map((i) => i.metadata.name));
      if (pages === 0) expect(list.metadata.remainingItemCount).toBe(4);
      token = list.metadata.continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const odd = (await api(sandbox(), 'GET', `${nsPath('paging')}?labelSelector=odd%3D1`))
      .json as List;
    expect(odd.items.map((i) => i.metadata.name)).toEqual(['p1', 'p3', 'p5']);
    const byName = (
      await api(sandbox(), 'GET', `${nsPath('paging')}?fieldSelector=metadata.name%3Dp4`)
    ).json as List;
    expect(byName.items.map((i) => i.metadata.name)).toEqual(['p4']);
    const badContinue = await api(sandbox(), 'GET', `${nsPath('paging')}?limit=3&continue=garbage`);
    expect(badContinue.status).toBe(400);
  });

  it('deletes a collection by label selector', async () => {
    const r = await api(sandbox(), 'DELETE', `${nsPath('paging')}?labelSelector=odd%3D0`);
    expect(r.status).toBe(200);
    const left = (await api(sandbox(), 'GET', nsPath('paging'))).json as List;
    expect(left.items.map((i) => i.metadata.name)).toEqual(['p1', 'p3', 'p5']);
  });
});

describe('create options', () => {
  it('validates but stores nothing with dryRun=All', async () => {
    const r = await api(sandbox(), 'POST', `${nsPath('demo')}?dryRun=All`, {
      body: vmManifest('dry'),
    });
    expect(r.status).toBe(201);
    expect((r.json as { metadata: Meta }).metadata.name).toBe('dry');
    expect((await api(sandbox(), 'GET', `${nsPath('demo')}/dry`)).status).toBe(404);
    const invalid = await api(sandbox(), 'POST', `${nsPath('demo')}?dryRun=All`, {
      body: vmManifest('dry', { cores: 17, coreFraction: '100%' }),
    });
    expect(invalid.status).toBe(422);
  });

  it('refuses unknown fields with fieldValidation=Strict and warns by default', async () => {
    const body = { ...vmManifest('strict'), spec: { ...vmManifest('strict').spec, bogus: 1 } };
    const strict = await api(sandbox(), 'POST', `${nsPath('demo')}?fieldValidation=Strict`, {
      body,
    });
    expect(strict.status).toBe(400);
    expect(strict.text).toContain('unknown field \\"spec.bogus\\"');
    const warned = await api(sandbox(), 'POST', nsPath('demo'), { body });
    expect(warned.status).toBe(201);
    expect(String(warned.headers.warning)).toContain('unknown field');
    expect((warned.json as { spec: Record<string, unknown> }).spec.bogus).toBeUndefined();
  });

  it('applies CRD defaults', async () => {
    const r = await api(sandbox(), 'POST', nsPath('demo'), { body: vmManifest('defaults') });
    expect((r.json as { spec: { runPolicy: string; disruptions: unknown } }).spec).toMatchObject({
      runPolicy: 'AlwaysOnUnlessStoppedManually',
      disruptions: { restartApprovalMode: 'Manual' },
    });
  });
});

describe('server-side apply', () => {
  const apply = (cores: number, manager: string, force = false) =>
    api(
      sandbox(),
      'PATCH',
      `${nsPath('demo')}/ssa?fieldManager=${manager}${force ? '&force=true' : ''}`,
      {
        body: vmManifest('ssa', { cores }),
        contentType: 'application/apply-patch+yaml',
      },
    );

  it('creates, records managedFields, and reports conflicts between managers unless forced', async () => {
    const created = await apply(1, 'alpha');
    expect(created.status).toBe(201);
    expect((created.json as { metadata: Meta }).metadata.managedFields?.[0]).toMatchObject({
      manager: 'alpha',
      operation: 'Apply',
    });
    const conflict = await apply(2, 'beta');
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('conflict with \\"alpha\\"');
    const forced = await apply(2, 'beta', true);
    expect(forced.status).toBe(200);
    expect((forced.json as { spec: { cpu: { cores: number } } }).spec.cpu.cores).toBe(2);
  });
});

describe('garbage collection policies', () => {
  it('orphans dependents with propagationPolicy=Orphan', async () => {
    const owner = (await api(sandbox(), 'POST', nsPath('demo'), { body: vmManifest('orphaner') }))
      .json as { metadata: Meta };
    const dep = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'orphan-cm',
        ownerReferences: [
          {
            apiVersion: `${G}/v1alpha2`,
            kind: 'VirtualMachine',
            name: 'orphaner',
            uid: owner.metadata.uid,
          },
        ],
      },
      data: { a: 'b' },
    };
    expect(
      (await api(sandbox(), 'POST', '/api/v1/namespaces/demo/configmaps', { body: dep })).status,
    ).toBe(201);
    expect(
      (
        await api(sandbox(), 'DELETE', `${nsPath('demo')}/orphaner`, {
          body: { propagationPolicy: 'Orphan' },
        })
      ).status,
    ).toBe(200);
    await sandbox().idle();
    expect((await api(sandbox(), 'GET', `${nsPath('demo')}/orphaner`)).status).toBe(404);
    const cm = await api(sandbox(), 'GET', '/api/v1/namespaces/demo/configmaps/orphan-cm');
    expect(cm.status).toBe(200);
    expect((cm.json as { metadata: Meta }).metadata.ownerReferences).toBeUndefined();
  });
});

describe('namespaces and projects', () => {
  it('deletes a namespace with its content', async () => {
    await namespace('doomed');
    expect(
      (await api(sandbox(), 'POST', nsPath('doomed'), { body: vmManifest('inside') })).status,
    ).toBe(201);
    const del = await api(sandbox(), 'DELETE', '/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    expect((del.json as { status: { phase: string } }).status.phase).toBe('Terminating');
    const refused = await api(sandbox(), 'POST', nsPath('doomed'), { body: vmManifest('late') });
    expect([403, 404]).toContain(refused.status);
    await sandbox().idle();
    expect((await api(sandbox(), 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
  });

  it('gives a Project its namespace and takes it away with the project', async () => {
    const p = await api(sandbox(), 'POST', '/apis/deckhouse.io/v1alpha2/projects', {
      body: {
        apiVersion: 'deckhouse.io/v1alpha2',
        kind: 'Project',
        metadata: { name: 'team-x' },
        spec: { description: 'x' },
      },
    });
    expect(p.status).toBe(201);
    await sandbox().idle();
    const ns = await api(sandbox(), 'GET', '/api/v1/namespaces/team-x');
    expect(ns.status).toBe(200);
    expect(
      (ns.json as { metadata: { labels: Record<string, string> } }).metadata.labels[
        'projects.deckhouse.io/project'
      ],
    ).toBe('team-x');
    expect(
      (
        (await api(sandbox(), 'GET', '/apis/deckhouse.io/v1alpha2/projects/team-x')).json as {
          status: { state: string };
        }
      ).status.state,
    ).toBe('Deployed');
    expect(
      (await api(sandbox(), 'DELETE', '/apis/deckhouse.io/v1alpha2/projects/team-x')).status,
    ).toBe(200);
    await sandbox().idle();
    expect((await api(sandbox(), 'GET', '/api/v1/namespaces/team-x')).status).toBe(404);
    expect(
      (await api(sandbox(), 'GET', '/apis/deckhouse.io/v1alpha2/projects/team-x')).status,
    ).toBe(404);
  });
});

describe('versions and groups', () => {
  it('serves VirtualMachineClass in v1alpha3 with percent core fractions', async () => {
    const v3 = await api(sandbox(), 'GET', `/apis/${G}/v1alpha3/virtualmachineclasses/generic`);
    expect(v3.status).toBe(200);
    const policies = v3.json as {
      apiVersion: string;
      spec: { sizingPolicies: { coreFractions: string[] }[] };
    };
    expect(policies.apiVersion).toBe(`${G}/v1alpha3`);
    expect(policies.spec.sizingPolicies[0]?.coreFractions).toEqual([
      '5%',
      '10%',
      '20%',
      '50%',
      '100%',
    ]);
    const v2 = (await api(sandbox(), 'GET', `/apis/${G}/v1alpha2/virtualmachineclasses/generic`))
      .json as {
      spec: { sizingPolicies: { coreFractions: number[] }[] };
    };
    expect(v2.spec.sizingPolicies[0]?.coreFractions).toEqual([5, 10, 20, 50, 100]);
  });

  it('serves one set of Events through core/v1 and events.k8s.io/v1', async () => {
    const created = await api(sandbox(), 'POST', '/apis/events.k8s.io/v1/namespaces/demo/events', {
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'vm-started' },
        eventTime: '2026-11-21T09:00:00.000000Z',
        reportingController: 'sandbox',
        reportingInstance: 'sandbox-1',
        action: 'Start',
        reason: 'Started',
        type: 'Normal',
        note: 'VM started',
        regarding: {
          apiVersion: `${G}/v1alpha2`,
          kind: 'VirtualMachine',
          name: 'x',
          namespace: 'demo',
        },
      },
    });
    expect(created.status, created.text).toBe(201);
    const core = await api(
      sandbox(),
      'GET',
      '/api/v1/namespaces/demo/events?fieldSelector=involvedObject.kind%3DVirtualMachine',
    );
    const items = (core.json as { items: { message: string; involvedObject: { name: string } }[] })
      .items;
    expect(items.map((e) => [e.message, e.involvedObject.name])).toContainEqual([
      'VM started',
      'x',
    ]);
  });
});
