import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { refOf } from '../src/controllers/runtime/client.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { imageFileOf } from '../src/storage/resolve.ts';
import { startTestSandbox, useTestSandbox, type TestSandbox } from './harness.ts';
import { conditionOf, phaseOf, testClient, waitFor } from './wait.ts';
import { parseProgress } from '../src/controllers/images/units.ts';
import {
  createImage,
  DVP,
  fileServer,
  guestImages,
  NS,
  settled,
  sha256File,
  st,
  waitGone,
} from './images-fixtures.ts';

const sandbox = useTestSandbox();
let demoPath: string;

beforeAll(async () => {
  demoPath = (await guestImages()).disk;
}, 300_000);

const fileOf = (sb: TestSandbox, o: Parameters<typeof imageFileOf>[1]) =>
  imageFileOf(new StoragePaths(sb.dataDir), o) ?? '';

describe('ObjectRef and PVC storage', () => {
  it('copies a Ready image into a VirtualImage and a ClusterVirtualImage with identical bytes', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'base', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2` } },
    });
    const base = await settled(sb, 'VirtualImage', 'base', { timeoutMs: 60_000 });
    expect(phaseOf(base)).toBe('Ready');
    await createImage(sb, 'VirtualImage', 'copy', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'base' } },
    });
    await createImage(sb, 'ClusterVirtualImage', 'cluster-copy', {
      dataSource: {
        type: 'ObjectRef',
        objectRef: { kind: 'VirtualImage', name: 'base', namespace: NS },
      },
    });
    const copy = await settled(sb, 'VirtualImage', 'copy', { timeoutMs: 60_000 });
    const cvi = await settled(sb, 'ClusterVirtualImage', 'cluster-copy', { timeoutMs: 60_000 });
    for (const o of [copy, cvi]) {
      expect(phaseOf(o), JSON.stringify(o.status)).toBe('Ready');
      expect(st(o, 'sourceUID')).toBe(base.metadata.uid);
      expect(sha256File(fileOf(sb, o))).toBe(sha256File(demoPath));
    }
  }, 120_000);

  it('waits for a missing source with DatasourceReady=False', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'orphan', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'ObjectRef', objectRef: { kind: 'ClusterVirtualImage', name: 'later' } },
    });
    const vi = await settled(sb, 'VirtualImage', 'orphan', { phases: ['Pending'] });
    expect(conditionOf(vi, 'DatasourceReady')).toMatchObject({
      status: 'False',
      reason: 'ClusterImageNotReady',
    });
    expect(conditionOf(vi, 'DatasourceReady')?.message).toMatch(/does not exist/);
    // Once the source exists and is Ready, the waiting image proceeds by itself.
    await createImage(sb, 'ClusterVirtualImage', 'later', {
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.iso` } },
    });
    const done = await settled(sb, 'VirtualImage', 'orphan', { timeoutMs: 60_000 });
    expect(done.status).toMatchObject({ phase: 'Ready', format: 'iso', cdrom: true });
  }, 120_000);

  it('stores a VirtualImage on a PVC of the default class, and waits for an unknown class', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'on-pvc', {
      storage: 'PersistentVolumeClaim',
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2` } },
    });
    const vi = await settled(sb, 'VirtualImage', 'on-pvc', { timeoutMs: 60_000 });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    const pvc = `vi-on-pvc-${vi.metadata.uid ?? ''}`;
    expect(vi.status).toMatchObject({
      storageClassName: 'sandbox-shared',
      target: { persistentVolumeClaimName: pvc },
    });
    expect(conditionOf(vi, 'StorageClassReady')).toMatchObject({ status: 'True' });
    expect(fileOf(sb, vi)).toBe(new StoragePaths(sb.dataDir).volumeFile(NS, pvc));
    const c = testClient(sb);
    expect(await c.get(refOf('', 'PersistentVolumeClaim'), pvc, NS)).toBeDefined();
    c.close();

    await createImage(sb, 'VirtualImage', 'bad-class', {
      storage: 'PersistentVolumeClaim',
      persistentVolumeClaim: { storageClassName: 'no-such-class' },
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2` } },
    });
    const bad = await settled(sb, 'VirtualImage', 'bad-class', { phases: ['Pending'] });
    expect(conditionOf(bad, 'StorageClassReady')).toMatchObject({
      status: 'False',
      reason: 'StorageClassNotFound',
    });
    expect(conditionOf(bad, 'Ready')).toMatchObject({ reason: 'StorageClassNotReady' });
  }, 120_000);
});

describe('deletion', () => {
  it('stays Terminating while a VirtualMachine uses the image and completes once it is gone', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'in-use', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.iso` } },
    });
    const vi = await settled(sb, 'VirtualImage', 'in-use', { timeoutMs: 60_000 });
    const file = fileOf(sb, vi);
    const c = testClient(sb);
    const vmRef = refOf(DVP, 'VirtualMachine');
    const viRef = refOf(DVP, 'VirtualImage');
    try {
      await c.create(vmRef, {
        apiVersion: `${DVP}/v1alpha2`,
        kind: 'VirtualMachine',
        metadata: { name: 'image-user', namespace: NS },
        spec: {
          virtualMachineClassName: 'generic',
          runPolicy: 'Manual',
          cpu: { cores: 1, coreFraction: '10%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualImage', name: 'in-use' }],
        },
      });
      await c.delete(viRef, 'in-use', NS);
      const term = await settled(sb, 'VirtualImage', 'in-use', { phases: ['Terminating'] });
      expect(conditionOf(term, 'InUse')).toMatchObject({
        status: 'True',
        reason: 'AttachedToVirtualMachine',
      });
      expect(conditionOf(term, 'InUse')?.message).toContain('VirtualMachine demo/image-user');
      expect(existsSync(file)).toBe(true);
      await c.delete(vmRef, 'image-user', NS);
      await waitGone(sb, 'VirtualImage', 'in-use', NS);
      expect(existsSync(file)).toBe(false);
    } finally {
      c.close();
    }
  }, 120_000);
  it('cancels an import in progress when the image is deleted', async () => {
    const sb = sandbox();
    const slow = await fileServer({
      '/slow.qcow2': { body: readFileSync(demoPath), chunk: 65536, delayMs: 200 },
    });
    try {
      await createImage(sb, 'VirtualImage', 'cancelled', {
        storage: 'ContainerRegistry',
        dataSource: { type: 'HTTP', http: { url: `${slow.url}/slow.qcow2` } },
      });
      await waitFor(
        sb,
        { group: DVP, kind: 'VirtualImage', name: 'cancelled', namespace: NS },
        (o) => (parseProgress(st(o, 'progress')) ?? 0) > 0,
      );
      const c = testClient(sb);
      await c.delete(refOf(DVP, 'VirtualImage'), 'cancelled', NS);
      c.close();
      // The download would take minutes; deletion completes right away.
      await waitGone(sb, 'VirtualImage', 'cancelled', NS, 20_000);
      expect(readdirSync(join(sb.dataDir, 'scratch'))).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 60_000);
});

describe('restart safety', () => {
  it('finishes an import interrupted by a sandbox restart and re-offers an interrupted upload', async () => {
    const demo = readFileSync(demoPath);
    // ~8 s for the whole file: the restart lands in the middle.
    const slow = await fileServer({
      '/slow.qcow2': { body: demo, chunk: Math.ceil(demo.length / 80), delayMs: 100 },
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'dvp-images-restart-'));
    let sb: TestSandbox | undefined = await startTestSandbox({ dataDir, nodes: 1 });
    try {
      await createImage(sb, 'VirtualImage', 'slow', {
        storage: 'ContainerRegistry',
        dataSource: { type: 'HTTP', http: { url: `${slow.url}/slow.qcow2` } },
      });
      await createImage(sb, 'VirtualImage', 'half-upload', {
        storage: 'ContainerRegistry',
        dataSource: { type: 'Upload' },
      });
      const waiting = await settled(sb, 'VirtualImage', 'half-upload', {
        phases: ['WaitForUserUpload'],
      });
      const put = request(st<string>(waiting, 'imageUploadURLs', 'external'), {
        method: 'PUT',
        headers: { 'Content-Length': String(demo.length) },
      });
      put.on('error', () => undefined);
      put.write(demo.subarray(0, 1 << 20));
      await settled(sb, 'VirtualImage', 'half-upload', { phases: ['Provisioning'] });
      // Restart in the middle of the download.
      await waitFor(
        sb,
        { group: DVP, kind: 'VirtualImage', name: 'slow', namespace: NS },
        (o) => (parseProgress(st(o, 'progress')) ?? 0) >= 10,
        { timeoutMs: 30_000 },
      );
      const stale = readdirSync(join(dataDir, 'scratch'));
      expect(stale.length).toBeGreaterThan(0);
      await sb.stop();
      sb = await startTestSandbox({ dataDir, nodes: 1 });
      for (const d of stale) expect(existsSync(join(dataDir, 'scratch', d))).toBe(false);
      const vi = await settled(sb, 'VirtualImage', 'slow', { timeoutMs: 90_000 });
      expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
      expect(sha256File(fileOf(sb, vi))).toBe(sha256File(demoPath));
      const up = await settled(sb, 'VirtualImage', 'half-upload', {
        phases: ['WaitForUserUpload'],
      });
      expect(conditionOf(up, 'Ready')?.message).toMatch(/restarted while the upload/);
      expect(st<string>(up, 'imageUploadURLs', 'external')).toContain(sb.gatewayUrl);
    } finally {
      await sb?.stop();
      await slow.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
