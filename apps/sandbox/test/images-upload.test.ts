import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoragePaths } from '../src/storage/paths.ts';
import { imageFileOf } from '../src/storage/resolve.ts';
import { useTestSandbox } from './harness.ts';
import { conditionOf, phaseOf } from './wait.ts';
import { createImage, guestImages, settled, sha256File, st } from './images-fixtures.ts';

const run = promisify(execFile);
const sandbox = useTestSandbox();
let demoPath: string;
let demo: Buffer;

beforeAll(async () => {
  demoPath = (await guestImages()).disk;
  demo = readFileSync(demoPath);
}, 300_000);
afterAll(() => {
  delete process.env.SANDBOX_UPLOAD_TIMEOUT_SECONDS;
});

/** Creates an Upload image and waits for its upload URLs. */
async function uploadImage(
  kind: 'VirtualImage' | 'ClusterVirtualImage',
  name: string,
  upload?: Record<string, unknown>,
) {
  const sb = sandbox();
  await createImage(sb, kind, name, {
    ...(kind === 'VirtualImage' ? { storage: 'ContainerRegistry' } : {}),
    dataSource: { type: 'Upload', ...(upload ? { upload } : {}) },
  });
  const img = await settled(sb, kind, name, { phases: ['WaitForUserUpload'] });
  return {
    img,
    external: st<string>(img, 'imageUploadURLs', 'external'),
    inCluster: st<string>(img, 'imageUploadURLs', 'inCluster'),
  };
}

/** Starts a PUT that sends `first` bytes of the body (Content-Length: the whole) and pauses. */
function partialPut(url: string, body: Buffer, first: number) {
  const req = request(url, {
    method: 'PUT',
    headers: { 'Content-Length': String(body.length) },
  });
  const answer = new Promise<number>((ok) => {
    req.on('response', (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', () => ok(-1));
  });
  req.write(body.subarray(0, first));
  return { req, answer, rest: () => req.end(body.subarray(first)) };
}

describe('Upload', () => {
  it('publishes unguessable URLs and answers like the uploader', async () => {
    const { img, external, inCluster } = await uploadImage('VirtualImage', 'probe');
    const token = /\/upload\/([\w-]+)$/.exec(external)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(inCluster).toBe(`${sandbox().gatewayUrl}/upload-in-cluster/${token}/upload`);
    expect(st(img, 'uploadCommand')).toBe(`curl ${external} -T example.iso`);
    expect(conditionOf(img, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'WaitForUserUpload',
    });
    expect((await fetch(external)).status).toBe(200);
    expect((await fetch(external, { method: 'DELETE' })).status).toBe(404);
    expect(
      (
        await fetch(`${sandbox().gatewayUrl}/upload/${'x'.repeat(32)}`, {
          method: 'PUT',
          body: 'x',
        })
      ).status,
    ).toBe(404);
  });

  it('takes a file from curl -T and ends Ready with the same bytes', async () => {
    const sb = sandbox();
    const { external } = await uploadImage('VirtualImage', 'curl-upload', {
      checksum: { sha256: createHash('sha256').update(demo).digest('hex') },
    });
    const { stdout } = await run('curl', ['-sS', '--fail', external, '-T', demoPath]);
    expect(stdout).toMatch(/upload complete/);
    const vi = await settled(sb, 'VirtualImage', 'curl-upload', { timeoutMs: 60_000 });
    expect(phaseOf(vi), JSON.stringify(vi.status)).toBe('Ready');
    expect(vi.status).toMatchObject({ format: 'qcow2', progress: '100%' });
    const file = imageFileOf(new StoragePaths(sb.dataDir), vi);
    expect(file && sha256File(file)).toBe(sha256File(demoPath));
  }, 120_000);

  it('accepts POST --data-binary on the in-cluster URL (ClusterVirtualImage)', async () => {
    const sb = sandbox();
    const { inCluster } = await uploadImage('ClusterVirtualImage', 'post-upload');
    await run('curl', ['-sS', '--fail', '-X', 'POST', '--data-binary', `@${demoPath}`, inCluster]);
    const cvi = await settled(sb, 'ClusterVirtualImage', 'post-upload', { timeoutMs: 60_000 });
    expect(phaseOf(cvi)).toBe('Ready');
  }, 120_000);

  it('goes back to WaitForUserUpload when the client disconnects, and a retry works', async () => {
    const sb = sandbox();
    const { external } = await uploadImage('VirtualImage', 'interrupted');
    const put = partialPut(external, demo, 4 << 20);
    await settled(sb, 'VirtualImage', 'interrupted', { phases: ['Provisioning'] });
    put.req.destroy();
    const vi = await settled(sb, 'VirtualImage', 'interrupted', {
      phases: ['WaitForUserUpload'],
      timeoutMs: 30_000,
    });
    expect(conditionOf(vi, 'Ready')).toMatchObject({ reason: 'WaitForUserUpload' });
    expect(conditionOf(vi, 'Ready')?.message).toMatch(
      new RegExp(`interrupted after \\d+ of ${demo.length} bytes.*upload it again`),
    );
    await run('curl', ['-sS', '--fail', external, '-T', demoPath]);
    const done = await settled(sb, 'VirtualImage', 'interrupted', { timeoutMs: 60_000 });
    expect(phaseOf(done)).toBe('Ready');
  }, 120_000);

  it('answers 503 to a concurrent second upload', async () => {
    const sb = sandbox();
    const { external } = await uploadImage('VirtualImage', 'concurrent');
    const first = partialPut(external, demo, 1 << 20);
    await settled(sb, 'VirtualImage', 'concurrent', { phases: ['Provisioning'] });
    const second = await fetch(external, { method: 'PUT', body: demo.subarray(0, 1024) });
    expect(second.status).toBe(503);
    first.rest();
    expect(await first.answer).toBe(200);
    expect(phaseOf(await settled(sb, 'VirtualImage', 'concurrent', { timeoutMs: 60_000 }))).toBe(
      'Ready',
    );
  }, 120_000);

  it('fails on an upload checksum mismatch', async () => {
    const sb = sandbox();
    const { external } = await uploadImage('VirtualImage', 'upload-bad-sum', {
      checksum: { md5: '0'.repeat(32) },
    });
    const res = await fetch(external, { method: 'PUT', body: demo });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/md5 is [0-9a-f]{32}, expected 0{32}/);
    const vi = await settled(sb, 'VirtualImage', 'upload-bad-sum');
    expect(phaseOf(vi)).toBe('Failed');
    expect(conditionOf(vi, 'Ready')).toMatchObject({ reason: 'ProvisioningFailed' });
  }, 60_000);

  it('fails with WaitForUserUploadTimeout when nothing arrives in time', async () => {
    process.env.SANDBOX_UPLOAD_TIMEOUT_SECONDS = '2';
    const sb = sandbox();
    const t0 = Date.now();
    const { external } = await uploadImage('VirtualImage', 'too-late');
    const vi = await settled(sb, 'VirtualImage', 'too-late', { timeoutMs: 30_000 });
    expect(phaseOf(vi)).toBe('Failed');
    expect(conditionOf(vi, 'Ready')).toMatchObject({ reason: 'WaitForUserUploadTimeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect((await fetch(external, { method: 'PUT', body: 'x' })).status).toBe(404);
  }, 60_000);
});
