import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestSandbox } from './harness.ts';
import { conditionOf, phaseOf } from './wait.ts';
import { createImage, fileServer, settled } from './images-fixtures.ts';

const sandbox = useTestSandbox();
let server: Awaited<ReturnType<typeof fileServer>>;
let closedPort: number;

beforeAll(async () => {
  server = await fileServer({
    '/garbage.img': { body: randomBytes(300_001) },
    '/page.html': { body: Buffer.from('<!DOCTYPE html><html><body>Download page</body></html>') },
    '/small.raw': { body: Buffer.alloc(1 << 20) },
    '/boom': { status: 500, body: Buffer.from('internal error') },
  });
  // A port nothing listens on: bind one, then close it.
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
});
afterAll(() => server?.close());

/** Imports `url` as a VirtualImage and returns the Failed image's Ready condition and duration. */
async function failing(name: string, http: Record<string, unknown>) {
  const sb = sandbox();
  const t0 = Date.now();
  await createImage(sb, 'VirtualImage', name, {
    storage: 'ContainerRegistry',
    dataSource: { type: 'HTTP', http },
  });
  const vi = await settled(sb, 'VirtualImage', name, { timeoutMs: 60_000 });
  expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Failed');
  const ready = conditionOf(vi, 'Ready');
  expect(ready).toMatchObject({ status: 'False', reason: 'ProvisioningFailed' });
  return { message: ready?.message ?? '', ms: Date.now() - t0 };
}

describe('HTTP import failures say what happened and finish quickly', () => {
  it('a closed port', async () => {
    const url = `http://127.0.0.1:${closedPort}/disk.qcow2`;
    const { message, ms } = await failing('closed-port', { url });
    expect(message).toContain(url);
    expect(message).toMatch(/refused/);
    expect(ms).toBeLessThan(20_000);
  });

  it('an unresolvable host name', async () => {
    const url = 'http://no-such-host.invalid/disk.qcow2';
    const { message, ms } = await failing('no-dns', { url });
    expect(message).toContain(url);
    expect(message).toMatch(/cannot be resolved/);
    expect(ms).toBeLessThan(30_000);
  });

  it('HTTP 404 and 500', async () => {
    const r404 = await failing('http-404', { url: `${server.url}/missing.qcow2` });
    expect(r404.message).toMatch(/HTTP 404.*check the URL/);
    const r500 = await failing('http-500', { url: `${server.url}/boom` });
    expect(r500.message).toMatch(/HTTP 500.*try again later/);
  });

  it('garbage bytes and a web page are not disk images', async () => {
    const g = await failing('garbage', { url: `${server.url}/garbage.img` });
    expect(g.message).toMatch(/is not a disk image: qemu-img sees only raw data \(300001 bytes/);
    const p = await failing('web-page', { url: `${server.url}/page.html` });
    expect(p.message).toContain('"<!DOCTYPE html><html><bo"');
  });

  it('a checksum mismatch names the algorithm and both values', async () => {
    const sha256 = 'a'.repeat(64);
    const { message } = await failing('bad-sum', {
      url: `${server.url}/small.raw`,
      checksum: { sha256 },
    });
    expect(message).toMatch(new RegExp(`sha256 is [0-9a-f]{64}, expected ${sha256}`));
  });

  it('streebog checksums are refused as unsupported', async () => {
    const { message } = await failing('streebog', {
      url: `${server.url}/small.raw`,
      checksum: { streebog256: 'b'.repeat(64) },
    });
    expect(message).toMatch(/streebog256 checksum is not supported by the sandbox/);
  });

  it('an unreachable registry fails the pull with ImagePullFailed', async () => {
    const sb = sandbox();
    await createImage(sb, 'VirtualImage', 'no-registry', {
      storage: 'ContainerRegistry',
      dataSource: {
        type: 'ContainerImage',
        containerImage: { image: `127.0.0.1:${closedPort}/demo/disk:latest` },
      },
    });
    const vi = await settled(sb, 'VirtualImage', 'no-registry', { timeoutMs: 30_000 });
    expect(phaseOf(vi)).toBe('Failed');
    expect(conditionOf(vi, 'Ready')).toMatchObject({ reason: 'ImagePullFailed' });
    expect(conditionOf(vi, 'Ready')?.message).toMatch(/cannot reach the registry.*refused/);
  });

  it('a missing pull secret keeps the image Pending with ContainerRegistrySecretNotFound', async () => {
    const sb = sandbox();
    const host = sb.gatewayUrl.replace(/^http:\/\//, '');
    await createImage(sb, 'VirtualImage', 'no-secret', {
      storage: 'ContainerRegistry',
      dataSource: {
        type: 'ContainerImage',
        containerImage: {
          image: `${host}/catalogue/demo:latest`,
          imagePullSecret: { name: 'nope' },
        },
      },
    });
    const vi = await settled(sb, 'VirtualImage', 'no-secret', { phases: ['Pending'] });
    expect(conditionOf(vi, 'DatasourceReady')).toMatchObject({
      status: 'False',
      reason: 'ContainerRegistrySecretNotFound',
    });
  });

  it('a registry repository without the image answers 404 and the pull says so', async () => {
    const sb = sandbox();
    const host = sb.gatewayUrl.replace(/^http:\/\//, '');
    await createImage(sb, 'ClusterVirtualImage', 'no-repo', {
      dataSource: {
        type: 'ContainerImage',
        containerImage: { image: `${host}/cvi/missing:latest` },
      },
    });
    const cvi = await settled(sb, 'ClusterVirtualImage', 'no-repo', { timeoutMs: 30_000 });
    expect(phaseOf(cvi)).toBe('Failed');
    expect(conditionOf(cvi, 'Ready')).toMatchObject({ reason: 'ProvisioningFailed' });
    expect(conditionOf(cvi, 'Ready')?.message).toMatch(
      /does not exist in the registry \(HTTP 404\)/,
    );
  });
});
