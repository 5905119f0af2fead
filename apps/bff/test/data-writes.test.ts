import { describe, expect, it } from 'vitest';
import type { KubeObject, Status } from '@dvp/api';
import { dvpPath, seedVm, vmBody } from './data-fixtures.ts';
import { call, useStack } from './harness.ts';

const NS = 'demo';
const vms = `/api/v1/namespaces/${NS}/virtualmachines`;

describe('writes pass through as the user', () => {
  const stack = useStack();

  const exists = async (plural: string, name: string) => {
    try {
      await stack().kube('admin', { path: dvpPath(NS, plural, name) });
      return true;
    } catch {
      return false;
    }
  };

  it('creates a VM as the user, filling apiVersion/kind, marked as ours', async () => {
    const { apiVersion: _a, kind: _k, ...body } = vmBody('created');
    const r = await call<KubeObject>(stack(), 'alice', 'POST', vms, body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name: 'created', namespace: NS },
    });
    const managers = (r.body.metadata.managedFields ?? []).map((f) => f.manager);
    expect(managers).toContain('dvp-console');
    expect(await exists('virtualmachines', 'created')).toBe(true);
  });

  it('validates a create body first: 422 Invalid with field causes, nothing created', async () => {
    const body = vmBody('broken', { cores: 0, memory: 'lots' });
    const r = await call<Status>(stack(), 'alice', 'POST', vms, body);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      details: { name: 'broken', kind: 'VirtualMachine', group: 'virtualization.deckhouse.io' },
    });
    expect(r.body.message).toMatch(
      /^VirtualMachine\.virtualization\.deckhouse\.io "broken" is invalid/,
    );
    const fields = (r.body.details?.causes ?? []).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.cpu.cores', 'spec.memory.size']));
    expect(await exists('virtualmachines', 'broken')).toBe(false);

    const wrongKind = await call<Status>(stack(), 'alice', 'POST', vms, {
      ...vmBody('disk-not-vm'),
      kind: 'VirtualDisk',
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.details?.causes).toEqual([
      expect.objectContaining({ field: 'kind', reason: 'FieldValueNotSupported' }),
    ]);
  });

  it('passes dryRun=All through: the answer is the object, nothing is stored', async () => {
    const r = await call<KubeObject>(stack(), 'alice', 'POST', `${vms}?dryRun=All`, vmBody('dry'));
    expect(r.status).toBe(201);
    expect(r.body.metadata.name).toBe('dry');
    expect(await exists('virtualmachines', 'dry')).toBe(false);
    const bad = await call<Status>(stack(), 'alice', 'POST', `${vms}?dryRun=Some`, vmBody('dry'));
    expect(bad.status).toBe(422);
  });

  it('passes the cluster’s own refusals through unchanged (403, 409, 400)', async () => {
    const denied = await call<Status>(stack(), 'bob', 'POST', vms, vmBody('bobs'));
    expect(denied.status).toBe(403);
    const direct = await stack()
      .kube('bob', { method: 'POST', path: dvpPath(NS, 'virtualmachines'), body: vmBody('bobs') })
      .catch((e: { status: Status }) => e.status);
    expect(denied.body).toEqual(direct);
    expect(denied.body.message).toContain('cannot create resource "virtualmachines"');

    await seedVm(stack(), NS, 'taken');
    const dup = await call<Status>(stack(), 'alice', 'POST', vms, vmBody('taken'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', details: { name: 'taken' } });

    const other = vmBody('elsewhere');
    (other.metadata as Record<string, unknown>).namespace = 'default';
    const mismatch = await call<Status>(stack(), 'alice', 'POST', vms, other);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.kind).toBe('Status');
  });

  it('merge-patches with the resourceVersion precondition and deletes in the background', async () => {
    const vm = await seedVm(stack(), NS, 'patched');
    const ok = await call<KubeObject>(stack(), 'alice', 'PATCH', `${vms}/patched`, {
      metadata: { resourceVersion: vm.metadata.resourceVersion, labels: { tier: 'web' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.metadata.labels).toEqual({ tier: 'web' });
    const noRv = await call<Status>(stack(), 'alice', 'PATCH', `${vms}/patched`, {
      metadata: { labels: { tier: 'db' } },
    });
    expect(noRv.status).toBe(422);
    expect(noRv.body.details?.causes?.[0]?.field).toBe('metadata.resourceVersion');

    const dry = await call(stack(), 'alice', 'DELETE', `${vms}/patched?dryRun=All`);
    expect(dry.status).toBe(200);
    expect(await exists('virtualmachines', 'patched')).toBe(true);
    const del = await call<KubeObject>(stack(), 'alice', 'DELETE', `${vms}/patched`);
    expect(del.status).toBe(200);
    expect(await exists('virtualmachines', 'patched')).toBe(false);
    const gone = await call<Status>(stack(), 'alice', 'DELETE', `${vms}/patched`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ reason: 'NotFound', details: { name: 'patched' } });
  });

  it('runs VM actions as VirtualMachineOperations created by the user', async () => {
    await seedVm(stack(), NS, 'runner');
    const start = await call<KubeObject>(
      stack(),
      'dave',
      'POST',
      `${vms}/runner/actions/start`,
      {},
    );
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({
      kind: 'VirtualMachineOperation',
      metadata: { generateName: 'runner-start-', namespace: NS },
      spec: { type: 'Start', virtualMachineName: 'runner' },
    });
    expect(start.body.metadata.name).toMatch(/^runner-start-/);

    await seedVm(stack(), NS, 'mover');
    const migrate = await call<KubeObject>(
      stack(),
      'dave',
      'POST',
      `${vms}/mover/actions/migrate?dryRun=All`,
      { targetNodeName: 'sandbox-node-1', force: true },
    );
    expect(migrate.status).toBe(201);
    expect(migrate.body.spec).toEqual({
      type: 'Migrate',
      virtualMachineName: 'mover',
      force: true,
      migrate: { nodeSelector: { 'kubernetes.io/hostname': 'sandbox-node-1' } },
    });

    const forcedStart = await call<Status>(stack(), 'dave', 'POST', `${vms}/other/actions/start`, {
      force: true,
    });
    expect(forcedStart.status).toBe(422);
    expect(forcedStart.body.message).toContain('cannot be performed forcibly');

    const nodeOnStop = await call<Status>(stack(), 'dave', 'POST', `${vms}/runner/actions/stop`, {
      targetNodeName: 'sandbox-node-1',
    });
    expect(nodeOnStop.status).toBe(422);
    expect(nodeOnStop.body.details?.causes?.[0]?.field).toBe('targetNodeName');

    const unknown = await call<Status>(stack(), 'dave', 'POST', `${vms}/runner/actions/pause`, {});
    expect(unknown.status).toBe(404);

    const bob = await call<Status>(stack(), 'bob', 'POST', `${vms}/runner/actions/stop`, {});
    expect(bob.status).toBe(403);
    expect(bob.body.message).toContain('cannot create resource "virtualmachineoperations"');
  });

  it('writes other kinds through the generic endpoints', async () => {
    const disk = await call<KubeObject>(
      stack(),
      'alice',
      'POST',
      `/api/v1/namespaces/${NS}/virtualdisks`,
      {
        metadata: { name: 'scratch' },
        spec: { persistentVolumeClaim: { size: '100Mi' } },
      },
    );
    expect(disk.status).toBe(201);
    expect(disk.body.kind).toBe('VirtualDisk');
    const cls = await call<KubeObject>(
      stack(),
      'carol',
      'POST',
      '/api/v1/cluster/virtualmachineclasses',
      {
        metadata: { name: 'carols' },
        spec: { cpu: { type: 'Host' } },
      },
    );
    expect(cls.status).toBe(201);
    const patched = await call<KubeObject>(
      stack(),
      'carol',
      'PATCH',
      '/api/v1/cluster/virtualmachineclasses/carols',
      {
        metadata: {
          resourceVersion: cls.body.metadata.resourceVersion,
          labels: { owner: 'carol' },
        },
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.labels).toEqual({ owner: 'carol' });
    const del = await call(
      stack(),
      'carol',
      'DELETE',
      '/api/v1/cluster/virtualmachineclasses/carols',
    );
    expect(del.status).toBe(200);
  });
});
