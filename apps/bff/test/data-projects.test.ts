import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '@dvp/api';
import { seed, seedVm, setStatus } from './data-fixtures.ts';
import { call, eventually, useStack, type SandboxUserName } from './harness.ts';

const projects = async (stack: ReturnType<ReturnType<typeof useStack>>, user: SandboxUserName) => {
  const r = await call<{ items: ProjectSummary[] }>(stack, user, 'GET', '/api/v1/projects');
  expect(r.status).toBe(200);
  return r.body.items;
};

describe('projects with counts per kind and phase', () => {
  const stack = useStack();

  beforeAll(async () => {
    const s = stack();
    await s.kube('admin', {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } },
    });
    await seedVm(s, 'demo', 'one');
    await seedVm(s, 'demo', 'two');
    await seedVm(s, 'demo', 'three');
    await setStatus(s, 'demo', 'virtualmachines', 'one', { phase: 'Running' });
    await setStatus(s, 'demo', 'virtualmachines', 'two', { phase: 'Running' });
    await seed(s, 'demo', 'virtualdisks', {
      kind: 'VirtualDisk',
      metadata: { name: 'one-root' },
      spec: { persistentVolumeClaim: { size: '100Mi' } },
    });
    await seedVm(s, 'team-b', 'hidden');
    await eventually(async () => {
      const all = await projects(s, 'admin');
      return all.find((p) => p.name === 'demo')?.counts.virtualmachines?.byPhase.Running === 2;
    });
  });

  it('shows the admin every project and namespace with counts per kind and phase', async () => {
    const all = await projects(stack(), 'admin');
    const names = all.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['default', 'demo', 'team-b']));
    const demo = all.find((p) => p.name === 'demo');
    expect(demo).toMatchObject({
      source: 'Project',
      description: 'Demo project of the sandbox',
      counts: {
        virtualmachines: { total: 3, byPhase: { Running: 2, Pending: 1 } },
        virtualdisks: { total: 1 },
        virtualimages: { total: 0, byPhase: {} },
        virtualdisksnapshots: { total: 0 },
        virtualmachinesnapshots: { total: 0 },
        virtualmachineoperations: { total: 0 },
      },
    });
    expect(all.find((p) => p.name === 'team-b')).toMatchObject({
      source: 'Namespace',
      state: 'Active',
      counts: { virtualmachines: { total: 1 } },
    });
  });

  it('shows a project user only the namespaces the cluster lets them list VMs in', async () => {
    for (const user of ['alice', 'bob', 'dave'] as const) {
      const mine = await projects(stack(), user);
      expect(mine.map((p) => p.name)).toEqual(['demo']);
      expect(mine[0]?.counts.virtualmachines).toEqual({
        total: 3,
        byPhase: { Running: 2, Pending: 1 },
      });
      // They may not read the cluster-scoped Project object, so none of its fields leak.
      expect(mine[0]?.description).toBeUndefined();
    }
  });

  it('lists namespaces without counts for a cluster manager, nothing for mallory', async () => {
    const carol = await projects(stack(), 'carol');
    expect(carol.map((p) => p.name)).toEqual(expect.arrayContaining(['demo', 'team-b']));
    expect(carol.find((p) => p.name === 'demo')?.counts).toEqual({});
    expect(await projects(stack(), 'mallory')).toEqual([]);
  });
});
