import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { diskFileOf } from '../src/storage/resolve.ts';
import { useTestClient, useTestSandbox } from './harness.ts';
import {
  DVP,
  NS,
  VD,
  VDS,
  conditionOf,
  diskManifest,
  qemuInfo,
  sameContents,
  waitGone,
  waitPhase,
} from './disks-helpers.ts';

const run = promisify(execFile);
const MiB = 1024 * 1024;
const sandbox = useTestSandbox();
const client = useTestClient(sandbox);

const paths = () => new StoragePaths(sandbox().dataDir);
const fileOf = (disk: KubeObject) => diskFileOf(paths(), disk) ?? '';

function snapshot(name: string, disk: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: `${DVP}/v1alpha2`,
    kind: 'VirtualDiskSnapshot',
    metadata: { name, namespace: NS },
    spec: { virtualDiskName: disk, requiredConsistency: true, ...extra },
  };
}

describe('VirtualDiskSnapshot', () => {
  it('snapshots a detached disk and restores it into a new disk with the same contents', async () => {
    await client().create(VD, diskManifest('data', { size: '32Mi' }));
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'data', 'Ready');
    // Real data in the volume: a pattern at the start and one at 20 MiB.
    await run('qemu-io', [
      '-f',
      'qcow2',
      '-c',
      'write -P 0xab 0 1M',
      '-c',
      'write -P 0x5c 20M 64k',
      fileOf(disk),
    ]);

    await client().create(
      VDS,
      snapshot('data-snap', 'data', { volumeSnapshotClassName: 'sandbox-shared-snapshots' }),
    );
    const snap = await waitPhase(sandbox(), 'VirtualDiskSnapshot', 'data-snap', 'Ready');
    const st = snap.status as { volumeSnapshotName: string; consistent: boolean };
    expect(st.consistent).toBe(true);
    expect(conditionOf(snap, 'VirtualDiskSnapshotReady')).toMatchObject({
      status: 'True',
      reason: 'VirtualDiskSnapshotReady',
    });
    const snapFile = paths().snapshotFile(NS, st.volumeSnapshotName);
    expect(await sameContents(fileOf(disk), snapFile, true)).toBe(true);

    // Later writes to the disk do not change the snapshot.
    await run('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x11 0 1M', fileOf(disk)]);
    expect(await sameContents(fileOf(disk), snapFile)).toBe(false);

    await client().create(
      VD,
      diskManifest('restored', { source: { kind: 'VirtualDiskSnapshot', name: 'data-snap' } }),
    );
    const restored = await waitPhase(sandbox(), 'VirtualDisk', 'restored', 'Ready');
    expect((restored.status as { capacity: string }).capacity).toBe('32Mi');
    expect(await sameContents(fileOf(restored), snapFile, true)).toBe(true);
    const { stdout } = await run('qemu-io', [
      '-r',
      '-U',
      '-f',
      'qcow2',
      '-c',
      'read -P 0xab 0 1M',
      '-c',
      'read -P 0x5c 20M 64k',
      fileOf(restored),
    ]);
    expect(stdout).not.toMatch(/Pattern verification failed/);

    // A larger restore grows the disk.
    await client().create(
      VD,
      diskManifest('restored-big', {
        size: '64Mi',
        source: { kind: 'VirtualDiskSnapshot', name: 'data-snap' },
      }),
    );
    const big = await waitPhase(sandbox(), 'VirtualDisk', 'restored-big', 'Ready');
    expect((await qemuInfo(fileOf(big))).virtualSize).toBe(64 * MiB);
  });

  it('uses the default snapshot class of the disk driver when none is named', async () => {
    await client().create(VDS, snapshot('data-snap-default', 'data'));
    await waitPhase(sandbox(), 'VirtualDiskSnapshot', 'data-snap-default', 'Ready');
  });

  it('fails with a clear message for an unknown or mismatched VolumeSnapshotClass', async () => {
    await client().create(VDS, snapshot('bad-class', 'data', { volumeSnapshotClassName: 'nope' }));
    const failed = await waitPhase(sandbox(), 'VirtualDiskSnapshot', 'bad-class', 'Failed');
    expect(conditionOf(failed, 'VirtualDiskSnapshotReady')?.message).toMatch(
      /VolumeSnapshotClass "nope" not found; available classes: .*sandbox-shared-snapshots/,
    );
    await client().create(
      VDS,
      snapshot('wrong-driver', 'data', { volumeSnapshotClassName: 'local-path-snapshots' }),
    );
    const wrong = await waitPhase(sandbox(), 'VirtualDiskSnapshot', 'wrong-driver', 'Failed');
    expect(conditionOf(wrong, 'VirtualDiskSnapshotReady')?.message).toMatch(
      /driver sandbox.deckhouse.io\/local-path but the disk's storage uses sandbox.deckhouse.io\/shared/,
    );
  });

  it('waits for a missing disk, and a restore waits for a missing snapshot', async () => {
    await client().create(VDS, snapshot('orphan', 'missing-disk'));
    const pending = await waitPhase(sandbox(), 'VirtualDiskSnapshot', 'orphan', 'Pending');
    expect(conditionOf(pending, 'VirtualDiskSnapshotReady')).toMatchObject({
      reason: 'WaitingForTheVirtualDisk',
    });
    expect(conditionOf(pending, 'VirtualDiskSnapshotReady')?.message).toMatch(
      /VirtualDisk missing-disk not found/,
    );
    await client().create(
      VD,
      diskManifest('from-nothing', { source: { kind: 'VirtualDiskSnapshot', name: 'nothing' } }),
    );
    const waiting = await waitPhase(sandbox(), 'VirtualDisk', 'from-nothing', 'Pending');
    expect(conditionOf(waiting, 'DatasourceReady')).toMatchObject({
      status: 'False',
      reason: 'VirtualDiskSnapshotNotReady',
    });
  });

  it('removes the snapshot file when the snapshot is deleted', async () => {
    const snap = await client().get(VDS, 'data-snap-default', NS);
    const file = paths().snapshotFile(
      NS,
      (snap?.status as { volumeSnapshotName: string }).volumeSnapshotName,
    );
    expect(existsSync(file)).toBe(true);
    await client().delete(VDS, 'data-snap-default', NS);
    await waitGone(client(), VDS, 'data-snap-default');
    expect(existsSync(file)).toBe(false);
  });
});
