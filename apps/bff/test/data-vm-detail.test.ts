import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, Status, VmDetail } from '@dvp/api';
import { DVP, seed, seedVm, setStatus } from './data-fixtures.ts';
import { call, eventually, useStack, type Stack } from './harness.ts';

const NS = 'demo';
const view = (name: string) => `/api/v1/namespaces/${NS}/virtualmachines/${name}`;

async function seedWorld(s: Stack) {
  await s.kube('admin', {
    method: 'POST',
    path: '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses',
    body: {
      apiVersion: DVP,
      kind: 'VirtualMachineClass',
      metadata: { name: 'narrow' },
      spec: {
        cpu: { type: 'Model', model: 'Nehalem' },
        sizingPolicies: [{ cores: { min: 1, max: 4 }, coreFractions: [10, 20, 50, 100] }],
      },
    },
  });
  await s.kube('admin', {
    method: 'POST',
    path: '/apis/virtualization.deckhouse.io/v1alpha2/clustervirtualimages',
    body: {
      apiVersion: DVP,
      kind: 'ClusterVirtualImage',
      metadata: { name: 'base-os' },
      spec: { dataSource: { type: 'HTTP', http: { url: 'https://example.invalid/os.img' } } },
    },
  });
  for (const d of ['app-root', 'app-data', 'unrelated'])
    await seed(s, NS, 'virtualdisks', {
      kind: 'VirtualDisk',
      metadata: { name: d },
      spec: { persistentVolumeClaim: { size: '100Mi' } },
    });
  await seed(s, NS, 'virtualimages', {
    kind: 'VirtualImage',
    metadata: { name: 'tools' },
    spec: {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: 'https://example.invalid/tools.iso' } },
    },
  });
  await seed(s, NS, 'virtualmachineipaddresses', {
    kind: 'VirtualMachineIPAddress',
    metadata: { name: 'app-ip' },
    spec: { type: 'Auto' },
  });
  const vm = await seedVm(s, NS, 'app', {
    className: 'narrow',
    coreFraction: '20%',
    disks: ['app-root'],
    images: [
      { kind: 'VirtualImage', name: 'tools' },
      { kind: 'ClusterVirtualImage', name: 'base-os' },
    ],
    ipAddressName: 'app-ip',
  });
  await seedVm(s, NS, 'other', { disks: ['unrelated'] });
  await setStatus(s, NS, 'virtualmachines', 'app', {
    phase: 'Running',
    conditions: [
      {
        type: 'AwaitingRestartToApplyConfiguration',
        status: 'True',
        reason: 'RestartAwaitingChangesExist',
        message: '',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
    restartAwaitingChanges: [
      { operation: 'replace', path: 'cpu.cores', currentValue: 1, desiredValue: 2 },
    ],
  });
  await seed(s, NS, 'virtualmachineblockdeviceattachments', {
    kind: 'VirtualMachineBlockDeviceAttachment',
    metadata: { name: 'app-attach-data' },
    spec: { blockDeviceRef: { kind: 'VirtualDisk', name: 'app-data' }, virtualMachineName: 'app' },
  });
  await seed(s, NS, 'virtualmachineoperations', {
    kind: 'VirtualMachineOperation',
    metadata: { name: 'app-restart' },
    spec: { type: 'Restart', virtualMachineName: 'app' },
  });
  await seed(s, NS, 'virtualmachineoperations', {
    kind: 'VirtualMachineOperation',
    metadata: { name: 'other-stop' },
    spec: { type: 'Stop', virtualMachineName: 'other' },
  });
  const event = (name: string, reason: string, at: string, involved: Record<string, unknown>) =>
    s.kube('admin', {
      method: 'POST',
      path: `/api/v1/namespaces/${NS}/events`,
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name },
        involvedObject: { apiVersion: DVP, namespace: NS, ...involved },
        reason,
        message: reason,
        type: 'Normal',
        firstTimestamp: at,
        lastTimestamp: at,
      },
    });
  const uid = vm.metadata.uid;
  await event('app.1', 'Started', '2026-01-01T00:00:01Z', {
    kind: 'VirtualMachine',
    name: 'app',
    uid,
  });
  await event('app.2', 'Migrated', '2026-01-01T00:00:05Z', {
    kind: 'VirtualMachine',
    name: 'app',
    uid,
  });
  await event('app.old', 'Stale', '2026-01-01T00:00:09Z', {
    kind: 'VirtualMachine',
    name: 'app',
    uid: 'an-earlier-vm',
  });
  await event('other.1', 'Started', '2026-01-01T00:00:02Z', {
    kind: 'VirtualMachine',
    name: 'other',
  });
  // mallory may read VMs in demo and nothing else there.
  await s.kube('admin', {
    method: 'POST',
    path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`,
    body: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'vm-reader' },
      rules: [
        {
          apiGroups: ['virtualization.deckhouse.io'],
          resources: ['virtualmachines'],
          verbs: ['get', 'list'],
        },
      ],
    },
  });
  await s.kube('admin', {
    method: 'POST',
    path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`,
    body: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'mallory-vm-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'vm-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }],
    },
  });
}

describe('VM detail aggregate', () => {
  const stack = useStack();

  beforeAll(async () => {
    await seedWorld(stack());
    // Wait until the caches hold the last writes of each kind.
    await eventually(async () => {
      const r = await call<VmDetail>(stack(), 'admin', 'GET', view('app'));
      return r.body.events?.length === 2 && r.body.attachments?.length === 1 && r.body.vm.status;
    });
  });

  it('aggregates the VM, its class and sizing, disks, images, attachments, IP, operations and events', async () => {
    const r = await call<VmDetail>(stack(), 'bob', 'GET', view('app'));
    expect(r.status).toBe(200);
    const d = r.body;
    expect(d.vm.metadata.name).toBe('app');
    expect(d.row).toMatchObject({
      name: 'app',
      phase: 'Running',
      needRestart: true,
      className: 'narrow',
    });
    expect(d.row.lastOperation).toMatchObject({ name: 'app-restart', type: 'Restart' });
    expect(d.class?.metadata.name).toBe('narrow');
    expect(d.sizing).toMatchObject({ ok: true, index: 0, allowedCoreFractions: [10, 20, 50, 100] });
    expect(d.disks.map((x) => x.metadata.name).sort()).toEqual(['app-data', 'app-root']);
    expect(d.images.map((x) => `${x.kind}/${x.metadata.name}`).sort()).toEqual([
      'ClusterVirtualImage/base-os',
      'VirtualImage/tools',
    ]);
    expect(d.attachments.map((x) => x.metadata.name)).toEqual(['app-attach-data']);
    expect(d.ipAddress?.metadata.name).toBe('app-ip');
    expect(d.operations.map((x) => x.metadata.name)).toEqual(['app-restart']);
    // Newest first; an event about an earlier VM of the same name is left out.
    expect(d.events.map((x) => x.reason)).toEqual(['Migrated', 'Started']);
    expect(d.conditions.map((c) => c.type)).toEqual(['AwaitingRestartToApplyConfiguration']);
    expect(d.pendingChanges).toEqual([
      { operation: 'replace', path: 'cpu.cores', currentValue: 1, desiredValue: 2 },
    ]);
    expect(d.forbidden).toEqual([]);
  });

  it('reports what the class policy now rejects', async () => {
    const cls = await stack().kube<KubeObject>('admin', {
      path: '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses/narrow',
    });
    await stack().kube('admin', {
      method: 'PATCH',
      path: '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses/narrow',
      body: {
        metadata: { resourceVersion: cls.metadata.resourceVersion },
        spec: { sizingPolicies: [{ cores: { min: 1, max: 4 }, coreFractions: [50, 100] }] },
      },
      contentType: 'application/merge-patch+json',
    });
    const d = await eventually(async () => {
      const r = await call<VmDetail>(stack(), 'admin', 'GET', view('app'));
      return r.body.sizing?.ok === false ? r.body : undefined;
    });
    expect(d.sizing?.violations).toEqual([
      expect.objectContaining({
        field: 'cpu.coreFraction',
        message: expect.stringContaining('20') as string,
      }),
    ]);
  });

  it('names the parts a restricted user may not read instead of failing', async () => {
    const r = await call<VmDetail>(stack(), 'mallory', 'GET', view('app'));
    expect(r.status).toBe(200);
    expect(r.body.vm.metadata.name).toBe('app');
    expect(r.body.class).toBeNull();
    expect(r.body.sizing).toBeNull();
    expect(r.body.disks).toEqual([]);
    expect(r.body.operations).toEqual([]);
    expect(r.body.events).toEqual([]);
    expect(r.body.row.lastOperation).toBeNull();
    expect([...r.body.forbidden].sort()).toEqual([
      'clustervirtualimages',
      'events',
      'virtualdisks',
      'virtualimages',
      'virtualmachineblockdeviceattachments',
      'virtualmachineclasses',
      'virtualmachineipaddresses',
      'virtualmachineoperations',
    ]);
  });

  it("answers the cluster's 403 or 404 when the VM itself cannot be read", async () => {
    const carol = await call<Status>(stack(), 'carol', 'GET', view('app'));
    expect(carol.status).toBe(403);
    expect(carol.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(carol.body.message).toContain('cannot get resource "virtualmachines"');
    const missing = await call<Status>(stack(), 'bob', 'GET', view('nope'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      reason: 'NotFound',
      details: { name: 'nope', kind: 'virtualmachines' },
    });
  });
});
