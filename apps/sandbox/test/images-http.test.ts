import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { imageInfo } from '@dvp/hypervisor-agent/images/qemu-img';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFileOf } from '../src/storage/resolve.ts';
import { StoragePaths } from '../src/storage/paths.ts';
import { parseProgress } from '../src/controllers/images/units.ts';
import { useTestSandbox } from './harness.ts';
import { conditionOf, phaseOf } from './wait.ts';
import {
  createImage,
  fileServer,
  guestImages,
  settled,
  sha256File,
  st,
} from './images-fixtures.ts';

const sandbox = useTestSandbox();
let demo: Buffer;
let demoPath: string;
let server: Awaited<ReturnType<typeof fileServer>>;

beforeAll(async () => {
  const g = await guestImages();
  demoPath = g.disk;
  demo = readFileSync(g.disk);
  // ~19 MiB in 48 writes 40 ms apart: about 2 s, so progress is observable.
  server = await fileServer({
    '/demo.qcow2': { body: demo, chunk: Math.ceil(demo.length / 48), delayMs: 40 },
  });
}, 300_000);
afterAll(() => server?.close());

describe('HTTP import', () => {
  it('streams a qcow2 with monotonically increasing progress and ends Ready with its facts', async () => {
    const sb = sandbox();
    const sha256 = createHash('sha256').update(demo).digest('hex');
    const md5 = createHash('md5').update(demo).digest('hex');
    await createImage(sb, 'VirtualImage', 'from-http', {
      storage: 'ContainerRegistry',
      dataSource: {
        type: 'HTTP',
        http: { url: `${server.url}/demo.qcow2`, checksum: { sha256, md5 } },
      },
    });
    const seen: number[] = [];
    const vi = await settled(sb, 'VirtualImage', 'from-http', {
      timeoutMs: 120_000,
      onChange: (o) => {
        const p = parseProgress(st(o, 'progress'));
        if (phaseOf(o) === 'Provisioning' && p !== undefined) seen.push(p);
      },
    });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    // Progress only grows and was seen between the ends.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(2);
    const info = await imageInfo(demoPath);
    expect(vi.status).toMatchObject({
      progress: '100%',
      format: 'qcow2',
      cdrom: false,
      observedGeneration: 1,
      size: { storedBytes: String(demo.length), unpackedBytes: String(info.virtualSize) },
    });
    expect(st<string>(vi, 'size', 'stored')).toMatch(/^\d+(\.\d)?Mi$/);
    expect(st<string>(vi, 'downloadSpeed', 'avgBytes')).toMatch(/^\d+$/);
    expect(st<string>(vi, 'target', 'registryURL')).toMatch(
      /^dvcr\.d8-virtualization\.svc\/vi\/demo\/from-http:/,
    );
    expect(conditionOf(vi, 'Ready')).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(conditionOf(vi, 'DatasourceReady')).toMatchObject({ status: 'True' });
    expect(conditionOf(vi, 'StorageClassReady')).toMatchObject({ reason: 'DVCRTypeUsed' });
    const file = imageFileOf(new StoragePaths(sb.dataDir), vi);
    expect(file && sha256File(file)).toBe(sha256);
  }, 180_000);

  it('unpacks a gzip-compressed image from the catalogue', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'from-gz', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2.gz` } },
    });
    const vi = await settled(sb, 'VirtualImage', 'from-gz', { timeoutMs: 120_000 });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    expect(vi.status).toMatchObject({ format: 'qcow2', cdrom: false });
    expect(st(vi, 'size', 'storedBytes')).toBe(String(demo.length));
    const file = imageFileOf(new StoragePaths(sb.dataDir), vi);
    expect(file && sha256File(file)).toBe(sha256File(demoPath));
  }, 180_000);

  it('marks an ISO as a CD-ROM', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'from-iso', {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.iso` } },
    });
    const vi = await settled(sb, 'VirtualImage', 'from-iso', { timeoutMs: 120_000 });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    expect(vi.status).toMatchObject({ format: 'iso', cdrom: true });
  }, 180_000);

  it('imports a ClusterVirtualImage from the catalogue URL', async () => {
    const sb = sandbox();
    await createImage(sb, 'ClusterVirtualImage', 'catalogue-demo', {
      dataSource: { type: 'HTTP', http: { url: `${sb.gatewayUrl}/catalogue/demo.qcow2` } },
    });
    const cvi = await settled(sb, 'ClusterVirtualImage', 'catalogue-demo', { timeoutMs: 120_000 });
    expect(phaseOf(cvi), JSON.stringify(cvi.status)).toBe('Ready');
    expect(st(cvi, 'target', 'registryURL')).toMatch(
      /^dvcr\.d8-virtualization\.svc\/cvi\/catalogue-demo:/,
    );
    expect(cvi.status).toMatchObject({ format: 'qcow2', usedInNamespaces: [] });
  }, 180_000);

  it('pulls a ContainerImage from the gateway registry (catalogue and DVCR images)', async () => {
    const sb = sandbox();
    const host = sb.gatewayUrl.replace(/^http:\/\//, '');
    await createImage(sb, 'VirtualImage', 'from-registry', {
      storage: 'ContainerRegistry',
      dataSource: {
        type: 'ContainerImage',
        containerImage: { image: `${host}/catalogue/demo:latest` },
      },
    });
    const vi = await settled(sb, 'VirtualImage', 'from-registry', { timeoutMs: 120_000 });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    expect(vi.status).toMatchObject({ format: 'qcow2', cdrom: false });
    const file = imageFileOf(new StoragePaths(sb.dataDir), vi);
    expect(file && sha256File(file)).toBe(sha256File(demoPath));
    // A Ready image is itself served by the registry (as DVCR serves it).
    await createImage(sb, 'ClusterVirtualImage', 'from-dvcr', {
      dataSource: {
        type: 'ContainerImage',
        containerImage: { image: `${host}/vi/demo/from-registry:latest` },
      },
    });
    const cvi = await settled(sb, 'ClusterVirtualImage', 'from-dvcr', { timeoutMs: 120_000 });
    expect(phaseOf(cvi), JSON.stringify(cvi.status)).toBe('Ready');
  }, 180_000);

  it('lists the catalogue as JSON', async () => {
    const sb = sandbox();
    const res = await fetch(`${sb.gatewayUrl}/catalogue/`);
    const doc = (await res.json()) as { items: { name: string; url: string; size: number }[] };
    expect(doc.items.map((i) => i.name)).toEqual(['demo.qcow2', 'demo.qcow2.gz', 'demo.iso']);
    expect(doc.items[0]).toMatchObject({
      url: `${sb.gatewayUrl}/catalogue/demo.qcow2`,
      size: demo.length,
    });
    const part = await fetch(`${sb.gatewayUrl}/catalogue/demo.qcow2`, {
      headers: { Range: 'bytes=0-3' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('QFI\xfb');
    const head = await fetch(`${sb.gatewayUrl}/catalogue/demo.iso`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(
      String(readFileSync(`${demoPath.replace(/demo\.qcow2$/, 'demo.iso')}`).length),
    );
  });
});
