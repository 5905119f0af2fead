import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { diskFileOf, imageFileOf } from '../src/storage/resolve.ts';
import { useTestClient, useTestSandbox } from './harness.ts';
import { waitFor } from './wait.ts';
import {
  DVP,
  NS,
  VD,
  VI,
  conditionOf,
  diskManifest,
  fileServer,
  makeQcow2,
  phaseOf,
  qemuInfo,
  sameContents,
  waitPhase,
} from './disks-helpers.ts';

const MiB = 1024 * 1024;
const sandbox = useTestSandbox();
const client = useTestClient(sandbox);
let dir = '';
let served: { url: string; server: Server } | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvp-disks-img-'));
  await makeQcow2(dir, 'small', 8, 'disk-from-image');
  copyFileSync(
    resolve(import.meta.dirname, '../../../.cache/guest-images/demo.iso'),
    join(dir, 'demo.iso'),
  );
  served = await fileServer(dir);
});
afterAll(async () => {
  await new Promise((r) => served?.server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const paths = () => new StoragePaths(sandbox().dataDir);
const httpImage = (name: string, file: string): KubeObject => ({
  apiVersion: `${DVP}/v1alpha2`,
  kind: 'VirtualImage',
  metadata: { name, namespace: NS },
  spec: {
    storage: 'ContainerRegistry',
    dataSource: { type: 'HTTP', http: { url: `${served?.url ?? ''}/${file}` } },
  },
});

describe('VirtualDisk from an image', () => {
  it('waits for the image, then converts it into the disk with its unpacked size', async () => {
    // The disk comes first: it waits (Pending, DatasourceReady=False) until the image is Ready.
    await client().create(
      VD,
      diskManifest('from-vi', { source: { kind: 'VirtualImage', name: 'small' } }),
    );
    const waiting = await waitPhase(sandbox(), 'VirtualDisk', 'from-vi', 'Pending');
    expect(conditionOf(waiting, 'DatasourceReady')).toMatchObject({
      status: 'False',
      reason: 'ImageNotFound',
    });

    await client().create(VI, httpImage('small', 'small.qcow2'));
    const image = await waitPhase(sandbox(), 'VirtualImage', 'small', 'Ready', 120_000);
    const progress: string[] = [];
    const disk = await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDisk', name: 'from-vi', namespace: NS },
      (o) => phaseOf(o) === 'Ready',
      {
        onChange: (o) =>
          progress.push(String((o.status as { progress?: string } | undefined)?.progress ?? '')),
        timeoutMs: 120_000,
      },
    );
    expect(progress.at(-1)).toBe('100%');
    expect((disk.status as { capacity: string }).capacity).toBe('8Mi');
    expect((disk.status as { sourceUID: string }).sourceUID).toBe(image.metadata.uid);
    expect(conditionOf(disk, 'DatasourceReady')).toMatchObject({ status: 'True' });
    const file = diskFileOf(paths(), disk) ?? '';
    expect(await qemuInfo(file)).toEqual({ virtualSize: 8 * MiB, format: 'qcow2' });
    expect(await sameContents(file, imageFileOf(paths(), image) ?? '', true)).toBe(true);
    expect(await sameContents(file, join(dir, 'small.qcow2'), true)).toBe(true);
  });

  it('makes a larger disk from the same image, keeping its contents', async () => {
    await client().create(
      VD,
      diskManifest('from-vi-big', {
        size: '64Mi',
        source: { kind: 'VirtualImage', name: 'small' },
      }),
    );
    const disk = await waitPhase(sandbox(), 'VirtualDisk', 'from-vi-big', 'Ready', 120_000);
    const file = diskFileOf(paths(), disk) ?? '';
    expect((await qemuInfo(file)).virtualSize).toBe(64 * MiB);
    // Non-strict compare: the image's contents, then zeroes.
    expect(await sameContents(file, join(dir, 'small.qcow2'))).toBe(true);
  });

  it('refuses a size below the unpacked size with a clear condition', async () => {
    await client().create(
      VD,
      diskManifest('too-small', { size: '4Mi', source: { kind: 'VirtualImage', name: 'small' } }),
    );
    const failed = await waitPhase(sandbox(), 'VirtualDisk', 'too-small', 'Failed');
    expect(conditionOf(failed, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ProvisioningFailed',
    });
    expect(conditionOf(failed, 'Ready')?.message).toMatch(
      /4Mi is smaller than the unpacked size 8Mi of VirtualImage "small"/,
    );
  });

  it('refuses to create a disk from an ISO image', async () => {
    await client().create(VI, httpImage('iso', 'demo.iso'));
    const iso = await waitPhase(sandbox(), 'VirtualImage', 'iso', 'Ready', 120_000);
    expect((iso.status as { cdrom: boolean }).cdrom).toBe(true);
    await client().create(
      VD,
      diskManifest('from-iso', { size: '64Mi', source: { kind: 'VirtualImage', name: 'iso' } }),
    );
    const failed = await waitPhase(sandbox(), 'VirtualDisk', 'from-iso', 'Failed');
    expect(conditionOf(failed, 'Ready')?.message).toMatch(
      /ISO \(CD-ROM\) image: disks cannot be created from ISO images/,
    );
  });

  it('imports an HTTP data source straight into a disk, and fails clearly on a missing file', async () => {
    const manifest = diskManifest('from-http', {});
    manifest.spec = {
      dataSource: { type: 'HTTP', http: { url: `${served?.url ?? ''}/small.qcow2` } },
    };
    await client().create(VD, manifest);
    const disk = await waitPhase(
      sandbox(),
      'VirtualDisk',
      'from-http',
      ['Ready', 'Failed'],
      120_000,
    );
    expect(phaseOf(disk)).toBe('Ready');
    expect((disk.status as { capacity: string }).capacity).toBe('8Mi');
    expect(
      await sameContents(diskFileOf(paths(), disk) ?? '', join(dir, 'small.qcow2'), true),
    ).toBe(true);

    const missing = diskManifest('from-404', { size: '16Mi' });
    missing.spec = {
      ...(missing.spec as object),
      dataSource: { type: 'HTTP', http: { url: `${served?.url ?? ''}/nope.qcow2` } },
    };
    await client().create(VD, missing);
    const failed = await waitPhase(sandbox(), 'VirtualDisk', 'from-404', 'Failed', 120_000);
    expect(conditionOf(failed, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ProvisioningFailed',
    });
    expect(conditionOf(failed, 'Ready')?.message).toMatch(/HTTP 404.*check the URL/);
  });
});
