import { beforeAll, describe, expect, it } from 'vitest';
import { vmPlacementOf, type KubeObject, type Status, type VmPlacementList } from '@dvp/api';
import { seedVm, setStatus, vmBody } from './data-fixtures.ts';
import { call, eventually, useStack, type SandboxUserName } from './harness.ts';

const PATH = '/api/v1/cluster/vm-placement';

describe('vmPlacementOf', () => {
  it('takes what the VM got from the status, constraints from the spec', () => {
    const vm = {
      ...vmBody('web', { cores: 2, coreFraction: '50%', memory: '1Gi' }),
      metadata: { name: 'web', namespace: 'demo', uid: 'u1' },
    } as unknown as KubeObject;
    (vm.spec as Record<string, unknown>).nodeSelector = { zone: 'a' };
    (vm.spec as Record<string, unknown>).liveMigrationPolicy = 'AlwaysSafe';
    (vm.spec as Record<string, unknown>).affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Exists' }] }],
        },
      },
    };
    vm.status = {
      phase: 'Running',
      nodeName: 'node-1',
      resources: { cpu: { cores: 4, coreFraction: '25%' }, memory: { size: '2Gi' } },
      conditions: [
        {
          type: 'Migratable',
          status: 'False',
          reason: 'VirtualMachineDisksNotMigratable',
          message: 'local disk "web-root"',
        },
      ],
    };
    expect(vmPlacementOf(vm)).toEqual({
      namespace: 'demo',
      name: 'web',
      uid: 'u1',
      phase: 'Running',
      node: 'node-1',
      className: 'generic',
      cores: 4,
      coreFraction: '25%',
      memory: '2Gi',
      migratable: false,
      notMigratableReason: 'local disk "web-root"',
      runPolicy: 'Manual',
      nodeSelector: { zone: 'a' },
      affinity: true,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Exists' }] }],
        },
      },
      liveMigrationPolicy: 'AlwaysSafe',
    });
  });

  it('falls back to the spec before the VM runs; unknown migratability is null', () => {
    const vm = {
      ...vmBody('idle', { cores: 1, memory: '256Mi' }),
      metadata: { name: 'idle', namespace: 'demo', uid: 'u2' },
    } as unknown as KubeObject;
    const p = vmPlacementOf(vm);
    expect(p).toMatchObject({ phase: 'Pending', cores: 1, coreFraction: '10%', memory: '256Mi' });
    expect(p.migratable).toBeNull();
    expect(p.node).toBeUndefined();
    expect(p.affinity).toBeUndefined();
    expect(p.notMigratableReason).toBeUndefined();
  });
});

describe('GET /api/v1/cluster/vm-placement', () => {
  const stack = useStack();
  const get = (user: SandboxUserName) => call<VmPlacementList & Status>(stack(), user, 'GET', PATH);

  beforeAll(async () => {
    const s = stack();
    await s.kube('admin', {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-p' } },
    });
    await seedVm(s, 'demo', 'pa', { cores: 2, coreFraction: '50%', memory: '1Gi' });
    await seedVm(s, 'team-p', 'pb');
    await setStatus(s, 'demo', 'virtualmachines', 'pa', {
      phase: 'Running',
      nodeName: 'node-x',
      conditions: [
        {
          type: 'Migratable',
          status: 'True',
          reason: 'VirtualMachineMigratable',
          message: '',
          lastTransitionTime: new Date().toISOString(),
        },
      ],
    });
    await eventually(async () => {
      const r = await get('admin');
      return r.body.items?.find((v) => v.name === 'pa')?.node === 'node-x';
    });
  });

  it('gives a user who may list VMs cluster-wide every VM with its node', async () => {
    const r = await get('admin');
    expect(r.status).toBe(200);
    expect(r.body.namespaces).toBeUndefined();
    const mine = r.body.items.filter((v) => v.name === 'pa' || v.name === 'pb');
    expect(mine).toEqual([
      expect.objectContaining({
        namespace: 'demo',
        name: 'pa',
        phase: 'Running',
        node: 'node-x',
        cores: 2,
        coreFraction: '50%',
        memory: '1Gi',
        migratable: true,
      }),
      expect.objectContaining({ namespace: 'team-p', name: 'pb', migratable: null }),
    ]);
  });

  it('gives a project user only the namespaces the cluster lets them list VMs in', async () => {
    for (const user of ['alice', 'bob', 'dave'] as const) {
      const r = await get(user);
      expect(r.status).toBe(200);
      expect(r.body.namespaces).toEqual(['demo']);
      expect(new Set(r.body.items.map((v) => v.namespace))).toEqual(new Set(['demo']));
      expect(r.body.items.map((v) => v.name)).toContain('pa');
    }
  });

  it('refuses with a 403 Status who may list VMs nowhere', async () => {
    for (const user of ['carol', 'mallory'] as const) {
      const r = await get(user);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
    }
  });

  it('follows changes from the watch cache', async () => {
    const s = stack();
    await setStatus(s, 'team-p', 'virtualmachines', 'pb', { phase: 'Running', nodeName: 'node-y' });
    await eventually(async () => {
      const r = await get('admin');
      return r.body.items.find((v) => v.name === 'pb')?.node === 'node-y';
    });
  });
});
