import { describe, expect, it } from 'vitest';
import { api, useTestSandbox, vmManifest } from './harness.ts';
import { waitForGone } from './wait.ts';

// API-server semantics only: no DVP controllers writing to the same objects meanwhile.
const sandbox = useTestSandbox({ controllers: false });

const VMS = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines';

interface Obj {
  metadata: {
    name: string;
    resourceVersion: string;
    generation?: number;
    uid: string;
    deletionTimestamp?: string;
    finalizers?: string[];
  };
  spec: { cpu: { cores: number } };
  status?: unknown;
}

describe('optimistic concurrency', () => {
  it('lets exactly one of two writers with the same resourceVersion win; the other gets 409', async () => {
    const created = await api(sandbox(), 'POST', VMS, { body: vmManifest('race') });
    expect(created.status).toBe(201);
    const base = created.json as Obj;
    const writers = [2, 4].map((cores) =>
      api(sandbox(), 'PUT', `${VMS}/race`, {
        body: { ...base, spec: { ...base.spec, cpu: { ...base.spec.cpu, cores } } },
      }),
    );
    const results = await Promise.all(writers);
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.json).toMatchObject({ kind: 'Status', reason: 'Conflict' });
    expect((loser?.json as { message: string }).message).toContain('the object has been modified');
    const winner = results.find((r) => r.status === 200)?.json as Obj;
    const now = (await api(sandbox(), 'GET', `${VMS}/race`)).json as Obj;
    // Nothing is silently lost: what is stored is exactly the winner's write.
    expect(now.spec.cpu.cores).toBe(winner.spec.cpu.cores);
    expect(now.metadata.resourceVersion).toBe(winner.metadata.resourceVersion);
  });

  it('requires a resourceVersion on PUT and bumps generation only for spec changes', async () => {
    const created = (await api(sandbox(), 'POST', VMS, { body: vmManifest('gen') })).json as Obj;
    expect(created.metadata.generation).toBe(1);
    const noRv = await api(sandbox(), 'PUT', `${VMS}/gen`, {
      body: { ...created, metadata: { ...created.metadata, resourceVersion: undefined } },
    });
    expect(noRv.status).toBe(422);
    const labelled = await api(sandbox(), 'PATCH', `${VMS}/gen`, {
      body: { metadata: { labels: { tier: 'web' } } },
      contentType: 'application/merge-patch+json',
    });
    expect((labelled.json as Obj).metadata.generation).toBe(1);
    const resized = await api(sandbox(), 'PATCH', `${VMS}/gen`, {
      body: [{ op: 'replace', path: '/spec/cpu/cores', value: 2 }],
      contentType: 'application/json-patch+json',
    });
    expect(resized.status).toBe(200);
    expect((resized.json as Obj).metadata.generation).toBe(2);
    const same = await api(sandbox(), 'PATCH', `${VMS}/gen`, {
      body: { spec: { cpu: { cores: 2 } } },
      contentType: 'application/merge-patch+json',
    });
    // A no-op write keeps the resourceVersion.
    expect((same.json as Obj).metadata.resourceVersion).toBe(
      (resized.json as Obj).metadata.resourceVersion,
    );
  });

  it('ignores status on the main endpoint and changes only status through /status', async () => {
    const created = (
      await api(sandbox(), 'POST', VMS, {
        body: { ...vmManifest('st'), status: { phase: 'Running' } },
      })
    ).json as Obj;
    expect(created.status).toBeUndefined();
    const viaMain = await api(sandbox(), 'PATCH', `${VMS}/st`, {
      body: { status: { phase: 'Running' } },
      contentType: 'application/merge-patch+json',
    });
    expect((viaMain.json as Obj).status).toBeUndefined();
    const viaStatus = await api(sandbox(), 'PATCH', `${VMS}/st/status`, {
      body: { status: { phase: 'Running' }, spec: { cpu: { cores: 3 } } },
      contentType: 'application/merge-patch+json',
    });
    expect(viaStatus.status).toBe(200);
    expect((viaStatus.json as Obj).status).toMatchObject({ phase: 'Running' });
    expect((viaStatus.json as Obj).spec.cpu.cores).toBe(1);
  });
});

describe('delete', () => {
  it('holds an object with finalizers until they are removed, then deletes it', async () => {
    const body = vmManifest('fin');
    const created = await api(sandbox(), 'POST', VMS, {
      body: { ...body, metadata: { ...body.metadata, finalizers: ['example.com/hold'] } },
    });
    expect(created.status).toBe(201);
    const del = await api(sandbox(), 'DELETE', `${VMS}/fin`, {
      body: { propagationPolicy: 'Background' },
    });
    expect(del.status).toBe(200);
    expect((del.json as Obj).metadata.deletionTimestamp).toBeTruthy();
    expect((await api(sandbox(), 'GET', `${VMS}/fin`)).status).toBe(200);
    const released = await api(sandbox(), 'PATCH', `${VMS}/fin`, {
      body: { metadata: { finalizers: null } },
      contentType: 'application/merge-patch+json',
    });
    expect(released.status).toBe(200);
    expect((await api(sandbox(), 'GET', `${VMS}/fin`)).status).toBe(404);
  });

  it('garbage-collects dependents of a deleted owner', async () => {
    const owner = (await api(sandbox(), 'POST', VMS, { body: vmManifest('owner') })).json as Obj;
    const ip = await api(
      sandbox(),
      'POST',
      '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachineipaddresses',
      {
        body: {
          apiVersion: 'virtualization.deckhouse.io/v1alpha2',
          kind: 'VirtualMachineIPAddress',
          metadata: {
            name: 'owner',
            ownerReferences: [
              {
                apiVersion: 'virtualization.deckhouse.io/v1alpha2',
                kind: 'VirtualMachine',
                name: 'owner',
                uid: owner.metadata.uid,
                controller: true,
              },
            ],
          },
          spec: { type: 'Auto' },
        },
      },
    );
    expect(ip.status).toBe(201);
    expect((await api(sandbox(), 'DELETE', `${VMS}/owner`)).status).toBe(200);
    // The owner goes; then the collector takes its dependent.
    await waitForGone(sandbox(), {
      group: 'virtualization.deckhouse.io',
      kind: 'VirtualMachineIPAddress',
      namespace: 'demo',
      name: 'owner',
    });
  });
});
