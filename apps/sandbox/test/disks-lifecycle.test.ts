import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { diskFileOf } from '../src/storage/resolve.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { useTestClient, useTestSandbox } from './harness.ts';
import { waitFor } from './wait.ts';
import {
  DVP,
  NS,
  PVC,
  VD,
  VM,
  conditionOf,
  diskManifest,
  phaseOf,
  qemuInfo,
  stoppedVm,
  waitGone,
  waitPhase,
} from './disks-helpers.ts';

const MiB = 1024 * 1024;
const sandbox = useTestSandbox();
const client = useTestClient(sandbox);

const fileOf = (disk: KubeObject) => {
  const f = diskFileOf(new StoragePaths(sandbox().dataDir), disk);
  if (!f) throw new Error('disk has no volume');
  return f;
};

describe('VirtualDisk lifecycle', () => {
  it('creates a blank disk as a qcow2 volume of the requested size with a Bound PVC', async () => {
    await client().create(VD, diskManifest('blank', { size: '100Mi' }));
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'blank', 'Ready');
    const st = disk.status as Record<string, unknown>;
    expect(st.capacity).toBe('100Mi');
    expect(st.storageClassName).toBe('sandbox-shared');
    expect(st.progress).toBe('100%');
    expect(conditionOf(disk, 'Ready')?.status).toBe('True');
    const pvcName = (st.target as { persistentVolumeClaimName: string }).persistentVolumeClaimName;
    expect(pvcName).toBe(`vd-blank-${disk.metadata.uid}`);
    const info = await qemuInfo(fileOf(disk));
    expect(info).toEqual({ virtualSize: 100 * MiB, format: 'qcow2' });
    const pvc = await client().get(PVC, pvcName, NS);
    expect(pvc?.spec).toMatchObject({
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Block',
      storageClassName: 'sandbox-shared',
    });
    expect(pvc?.status).toMatchObject({ phase: 'Bound', capacity: { storage: '100Mi' } });
  });

  it('grows a detached disk: Resizing, then the file, capacity and PVC have the new size', async () => {
    const phases: string[] = [];
    await client().patch(VD, 'blank', NS, { spec: { persistentVolumeClaim: { size: '150Mi' } } });
    const disk = await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDisk', name: 'blank', namespace: NS },
      (o) => (o.status as { capacity?: string }).capacity === '150Mi' && phaseOf(o) === 'Ready',
      { onChange: (o) => phases.push(phaseOf(o) ?? '') },
    );
    expect(phases).toContain('Resizing');
    expect((await qemuInfo(fileOf(disk))).virtualSize).toBe(150 * MiB);
    const pvcName = `vd-blank-${disk.metadata.uid}`;
    const pvc = await client().get(PVC, pvcName, NS);
    expect(pvc?.status).toMatchObject({ capacity: { storage: '150Mi' } });
    expect(pvc?.spec).toMatchObject({ resources: { requests: { storage: '150Mi' } } });
  });

  it('refuses to shrink a provisioned disk', async () => {
    await expect(
      client().patch(VD, 'blank', NS, { spec: { persistentVolumeClaim: { size: '50Mi' } } }),
    ).rejects.toThrow(/should be greater than or equal to the current value/);
  });

  it('uses ReadWriteOnce for local-path disks', async () => {
    await client().create(
      VD,
      diskManifest('local', { size: '10Mi', storageClassName: 'local-path' }),
    );
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'local', 'Ready');
    const pvc = await client().get(PVC, `vd-local-${disk.metadata.uid}`, NS);
    expect(pvc?.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local-path',
    });
  });

  it('waits for the first consumer on a WaitForFirstConsumer class, then provisions', async () => {
    await client().create(
      VD,
      diskManifest('wffc', { size: '20Mi', storageClassName: 'local-path-wffc' }),
    );
    const waiting = await waitPhase(sandbox(), 'VirtualDisk', 'wffc', 'WaitForFirstConsumer');
    expect(conditionOf(waiting, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'WaitingForFirstConsumer',
    });
    expect(conditionOf(waiting, 'Ready')?.message).toMatch(/once a VirtualMachine uses it/);
    expect(existsSync(fileOf(waiting))).toBe(false);
    await client().create(VM, stoppedVm('wffc-user', ['wffc']));
    const ready = await waitPhase(sandbox(), 'VirtualDisk', 'wffc', 'Ready');
    expect((await qemuInfo(fileOf(ready))).virtualSize).toBe(20 * MiB);
    expect((ready.status as Record<string, unknown>).attachedToVirtualMachines).toEqual([
      { name: 'wffc-user', mounted: false },
    ]);
    expect(conditionOf(ready, 'InUse')).toMatchObject({
      status: 'True',
      reason: 'AttachedToVirtualMachine',
    });
  });

  it('keeps a disk a VM uses in Terminating, naming the VM, and completes once the VM is gone', async () => {
    const before = await client().get(VD, 'wffc', NS);
    const file = fileOf(before as KubeObject);
    const pvcName = `vd-wffc-${before?.metadata.uid}`;
    await client().delete(VD, 'wffc', NS);
    const stuck = await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDisk', name: 'wffc', namespace: NS },
      (o) => phaseOf(o) === 'Terminating' && conditionOf(o, 'Terminating') !== undefined,
    );
    expect(conditionOf(stuck, 'Terminating')).toMatchObject({
      status: 'True',
      reason: 'CleanupPending',
    });
    expect(conditionOf(stuck, 'Terminating')?.message).toMatch(/VirtualMachine wffc-user/);
    expect(existsSync(file)).toBe(true);
    await client().delete(VM, 'wffc-user', NS);
    await waitGone(client(), VD, 'wffc');
    expect(existsSync(file)).toBe(false);
    expect(await client().get(PVC, pvcName, NS)).toBeUndefined();
  });

  it('deletes an unused disk with its volume and PVC', async () => {
    const disk = (await client().get(VD, 'local', NS)) as KubeObject;
    const file = fileOf(disk);
    await client().delete(VD, 'local', NS);
    await waitGone(client(), VD, 'local');
    expect(existsSync(file)).toBe(false);
    expect(await client().get(PVC, `vd-local-${disk.metadata.uid}`, NS)).toBeUndefined();
  });
});
