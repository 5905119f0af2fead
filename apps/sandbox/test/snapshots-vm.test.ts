import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf } from '../src/controllers/runtime/client.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { diskFileOf } from '../src/storage/resolve.ts';
import { useTestClient, useTestSandbox } from './harness.ts';
import {
  DVP,
  NS,
  SECRET,
  VD,
  VDS,
  VM,
  VMS,
  conditionOf,
  diskManifest,
  sameContents,
  stoppedVm,
  waitPhase,
} from './disks-helpers.ts';

const run = promisify(execFile);
const VMRESTORE = refOf(DVP, 'VirtualMachineRestore');
const VMOP = refOf(DVP, 'VirtualMachineOperation');
const VMSOP = refOf(DVP, 'VirtualMachineSnapshotOperation');
const sandbox = useTestSandbox();
const client = useTestClient(sandbox);

const paths = () => new StoragePaths(sandbox().dataDir);
const fileOf = (disk: KubeObject | undefined) => diskFileOf(paths(), disk as KubeObject) ?? '';
const dvp = (kind: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: `${DVP}/v1alpha2`,
  kind,
  metadata: { name, namespace: NS },
  spec,
});
const USER_DATA = Buffer.from('#cloud-config\nhostname: app\n').toString('base64');

/** The snapshot file of a VirtualDiskSnapshot. */
async function snapshotFile(name: string): Promise<string> {
  const s = await client().get(VDS, name, NS);
  return paths().snapshotFile(NS, (s?.status as { volumeSnapshotName: string }).volumeSnapshotName);
}

async function diskNames(): Promise<string[]> {
  return (await client().list(VD, { namespace: NS })).items
    .map((d) => d.metadata.name ?? '')
    .sort();
}

const snapFiles: Record<string, string> = {};
let vmipRename: { from: { kind: string; name: string }; to: string }[] = [];

beforeAll(async () => {
  await client().create(VD, diskManifest('app-root', { size: '24Mi' }));
  await client().create(VD, diskManifest('app-data', { size: '16Mi' }));
  const root = await waitPhase(sandbox(), 'VirtualDisk', 'app-root', 'Ready');
  const data = await waitPhase(sandbox(), 'VirtualDisk', 'app-data', 'Ready');
  await run('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x61 0 2M', fileOf(root)]);
  await run('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x62 4M 1M', fileOf(data)]);
  await client().create(SECRET, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-cloud-init', namespace: NS },
    type: 'provisioning.virtualization.deckhouse.io/cloud-init',
    data: { userData: USER_DATA },
  });
  await client().create(
    VM,
    stoppedVm('app', ['app-root', 'app-data'], {
      provisioning: {
        type: 'UserDataRef',
        userDataRef: { kind: 'Secret', name: 'app-cloud-init' },
      },
    }),
  );
}, 120_000);

describe('VirtualMachineSnapshot', () => {
  it('snapshots every disk of a stopped VM and stores what a restore needs', async () => {
    await client().create(
      VMS,
      dvp('VirtualMachineSnapshot', 'app-snap', {
        virtualMachineName: 'app',
        requiredConsistency: true,
        keepIPAddress: 'Never',
      }),
    );
    const snap = await waitPhase(sandbox(), 'VirtualMachineSnapshot', 'app-snap', 'Ready');
    const st = snap.status as {
      consistent: boolean;
      virtualDiskSnapshotNames: string[];
      virtualMachineSnapshotSecretName: string;
      resources: { kind: string; name: string }[];
    };
    expect(st.consistent).toBe(true);
    expect(st.virtualDiskSnapshotNames).toHaveLength(2);
    expect(conditionOf(snap, 'VirtualMachineSnapshotReady')).toMatchObject({
      status: 'True',
      reason: 'VirtualMachineSnapshotReady',
    });
    expect(st.resources).toEqual(
      expect.arrayContaining([
        { apiVersion: `${DVP}/v1alpha2`, kind: 'VirtualMachine', name: 'app' },
        { apiVersion: `${DVP}/v1alpha2`, kind: 'VirtualDisk', name: 'app-root' },
        { apiVersion: `${DVP}/v1alpha2`, kind: 'VirtualDisk', name: 'app-data' },
        { apiVersion: 'v1', kind: 'Secret', name: 'app-cloud-init' },
      ]),
    );
    const secret = await client().get(SECRET, st.virtualMachineSnapshotSecretName, NS);
    expect(secret?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'VirtualMachineSnapshot',
      name: 'app-snap',
    });
    for (const name of st.virtualDiskSnapshotNames) {
      const vds = await client().get(VDS, name, NS);
      expect(vds?.metadata.ownerReferences?.[0]).toMatchObject({
        kind: 'VirtualMachineSnapshot',
        name: 'app-snap',
      });
      const disk = (vds?.spec as { virtualDiskName: string }).virtualDiskName;
      snapFiles[disk] = await snapshotFile(name);
      expect(
        await sameContents(fileOf(await client().get(VD, disk, NS)), snapFiles[disk] ?? ''),
      ).toBe(true);
    }
    // A VMIP the network controller gave the VM must be renamed too when restoring beside it.
    vmipRename = st.resources
      .filter((r) => r.kind === 'VirtualMachineIPAddress')
      .map((r) => ({ from: { kind: r.kind, name: r.name }, to: `${r.name}-2` }));
  });

  it('waits while a disk of the VM is not Ready, with a clear condition', async () => {
    await client().create(
      VD,
      diskManifest('late', { source: { kind: 'VirtualDiskSnapshot', name: 'not-yet' } }),
    );
    await client().create(VM, stoppedVm('late-vm', ['late']));
    await client().create(
      VMS,
      dvp('VirtualMachineSnapshot', 'late-snap', { virtualMachineName: 'late-vm' }),
    );
    const pending = await waitPhase(sandbox(), 'VirtualMachineSnapshot', 'late-snap', 'Pending');
    expect(conditionOf(pending, 'VirtualMachineSnapshotReady')).toMatchObject({
      status: 'False',
      reason: 'BlockDevicesNotReady',
    });
    expect(conditionOf(pending, 'VirtualMachineSnapshotReady')?.message).toMatch(
      /VirtualDisk late is Pending/,
    );
  });
});

describe('restore from a VM snapshot', () => {
  it('fails cleanly on name conflicts and creates nothing', async () => {
    const before = await diskNames();
    await client().create(
      VMRESTORE,
      dvp('VirtualMachineRestore', 'conflicting', { virtualMachineSnapshotName: 'app-snap' }),
    );
    const failed = await waitPhase(sandbox(), 'VirtualMachineRestore', 'conflicting', 'Failed');
    const c = conditionOf(failed, 'VirtualMachineRestoreReady');
    expect(c).toMatchObject({ status: 'False', reason: 'VirtualMachineRestoreConflict' });
    expect(c?.message).toMatch(/VirtualMachine app already exists/);
    expect(c?.message).toMatch(/VirtualDisk app-root already exists/);
    expect(await diskNames()).toEqual(before);
  });

  it('restores a new VM with renamed disks (VirtualMachineRestore with nameReplacements)', async () => {
    await client().create(
      VMRESTORE,
      dvp('VirtualMachineRestore', 'app-restore', {
        virtualMachineSnapshotName: 'app-snap',
        nameReplacements: [
          { from: { kind: 'VirtualMachine', name: 'app' }, to: 'app-2' },
          { from: { kind: 'VirtualDisk', name: 'app-root' }, to: 'app-root-2' },
          { from: { kind: 'VirtualDisk', name: 'app-data' }, to: { name: 'app-data-2' } },
          ...vmipRename,
        ],
      }),
    );
    const done = await waitPhase(sandbox(), 'VirtualMachineRestore', 'app-restore', [
      'Ready',
      'Failed',
    ]);
    expect(conditionOf(done, 'VirtualMachineRestoreReady')).toMatchObject({ status: 'True' });
    const vm = await client().get(VM, 'app-2', NS);
    expect((vm?.spec as { blockDeviceRefs: unknown }).blockDeviceRefs).toEqual([
      { kind: 'VirtualDisk', name: 'app-root-2' },
      { kind: 'VirtualDisk', name: 'app-data-2' },
    ]);
    expect((vm?.spec as { provisioning: unknown }).provisioning).toEqual({
      type: 'UserDataRef',
      userDataRef: { kind: 'Secret', name: 'app-cloud-init' },
    });
    for (const [from, to] of [
      ['app-root', 'app-root-2'],
      ['app-data', 'app-data-2'],
    ] as const) {
      const disk = await waitPhase(sandbox(), 'VirtualDisk', to, 'Ready');
      expect(await sameContents(fileOf(disk), snapFiles[from] ?? '')).toBe(true);
    }
  });

  it('creates a VM from a snapshot with a name prefix (VMSOP CreateVirtualMachine), DryRun first', async () => {
    await client().create(
      VMSOP,
      dvp('VirtualMachineSnapshotOperation', 'dry', {
        type: 'CreateVirtualMachine',
        virtualMachineSnapshotName: 'app-snap',
        createVirtualMachine: { mode: 'DryRun', customization: { namePrefix: 'app-2' } },
      }),
    );
    const dry = await waitPhase(sandbox(), 'VirtualMachineSnapshotOperation', 'dry', [
      'Completed',
      'Failed',
    ]);
    const resources = (
      dry.status as { resources: { kind: string; name: string; status: string; message: string }[] }
    ).resources;
    // "app-2" + "app" = "app-2app": no conflict; the disk names do not exist either.
    expect(resources.find((r) => r.kind === 'VirtualMachine')).toMatchObject({
      name: 'app-2app',
      status: 'Completed',
    });
    expect(await client().get(VM, 'app-2app', NS)).toBeUndefined();

    await client().create(
      VMSOP,
      dvp('VirtualMachineSnapshotOperation', 'copy', {
        type: 'CreateVirtualMachine',
        virtualMachineSnapshotName: 'app-snap',
        createVirtualMachine: { mode: 'Strict', customization: { namePrefix: 'copy-' } },
      }),
    );
    const op = await waitPhase(sandbox(), 'VirtualMachineSnapshotOperation', 'copy', [
      'Completed',
      'Failed',
    ]);
    expect(conditionOf(op, 'Completed')).toMatchObject({
      status: 'True',
      reason: 'OperationCompleted',
    });
    const vm = await client().get(VM, 'copy-app', NS);
    expect((vm?.spec as { provisioning: unknown }).provisioning).toEqual({
      type: 'UserDataRef',
      userDataRef: { kind: 'Secret', name: 'copy-app-cloud-init' },
    });
    expect((await client().get(SECRET, 'copy-app-cloud-init', NS))?.data).toEqual({
      userData: USER_DATA,
    });
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'copy-app-root', 'Ready');
    expect(await sameContents(fileOf(disk), snapFiles['app-root'] ?? '')).toBe(true);
  });

  it('reports conflicts of a Strict VMSOP in status.resources and creates nothing', async () => {
    const before = await diskNames();
    await client().create(
      VMSOP,
      dvp('VirtualMachineSnapshotOperation', 'again', {
        type: 'CreateVirtualMachine',
        virtualMachineSnapshotName: 'app-snap',
        createVirtualMachine: { mode: 'Strict', customization: { namePrefix: 'copy-' } },
      }),
    );
    const op = await waitPhase(sandbox(), 'VirtualMachineSnapshotOperation', 'again', [
      'Completed',
      'Failed',
    ]);
    expect(op.status).toMatchObject({ phase: 'Failed' });
    expect(conditionOf(op, 'Completed')).toMatchObject({
      status: 'False',
      reason: 'OperationFailed',
    });
    const resources = (op.status as { resources: { kind: string; name: string; status: string }[] })
      .resources;
    expect(resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'VirtualMachine', name: 'copy-app', status: 'Failed' }),
        expect.objectContaining({ kind: 'VirtualDisk', name: 'copy-app-root', status: 'Failed' }),
      ]),
    );
    expect(await diskNames()).toEqual(before);
  });

  it('clones a VM (VMOP Clone) through a temporary snapshot that is removed afterwards', async () => {
    await client().create(
      VMOP,
      dvp('VirtualMachineOperation', 'clone-app', {
        type: 'Clone',
        virtualMachineName: 'app',
        clone: { mode: 'Strict', customization: { nameSuffix: '-clone' } },
      }),
    );
    const op = await waitPhase(sandbox(), 'VirtualMachineOperation', 'clone-app', [
      'Completed',
      'Failed',
    ]);
    expect(conditionOf(op, 'Completed')).toMatchObject({
      status: 'True',
      reason: 'OperationCompleted',
    });
    expect(conditionOf(op, 'SnapshotReady')).toMatchObject({ reason: 'SnapshotCleanedUp' });
    expect(await client().get(VM, 'app-clone', NS)).toBeDefined();
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'app-data-clone', 'Ready');
    expect(await sameContents(fileOf(disk), snapFiles['app-data'] ?? '')).toBe(true);
    expect(await client().get(VMS, `d8v-vmop-${op.metadata.uid}`, NS)).toBeUndefined();
  });

  it('restores a stopped VM in place (VMOP Restore): its disks get the snapshot data back', async () => {
    const root = await client().get(VD, 'app-root', NS);
    await run('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x7f 0 2M', fileOf(root)]);
    expect(await sameContents(fileOf(root), snapFiles['app-root'] ?? '')).toBe(false);
    await client().create(
      VMOP,
      dvp('VirtualMachineOperation', 'restore-app', {
        type: 'Restore',
        virtualMachineName: 'app',
        restore: { mode: 'Strict', virtualMachineSnapshotName: 'app-snap' },
      }),
    );
    const op = await waitPhase(sandbox(), 'VirtualMachineOperation', 'restore-app', [
      'Completed',
      'Failed',
    ]);
    expect(conditionOf(op, 'Completed')).toMatchObject({
      status: 'True',
      reason: 'OperationCompleted',
    });
    expect(await sameContents(fileOf(root), snapFiles['app-root'] ?? '')).toBe(true);
  });
});
