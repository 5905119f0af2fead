import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { statfsSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { UPLOAD_CONTENT_TYPE, UPLOADS_PATH, type Status, type UploadInfo } from '@dvp/api';
import { call, eventually, useStack, type SandboxUserName, type Stack } from './harness.ts';

// Acceptance 6: a 1 GiB upload through the BFF into a VirtualImage, cut midway and resumed,
// with constant memory; and the protocol's refusals.

const VIS = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualimages';
const GiB = 1024 * 1024 * 1024;
const BLOCK = 1024 * 1024;
const CHUNK = 256 * 1024;
const RESUME_SECONDS = 5;

/**
 * A deterministic, incompressible raw disk of any size, generated on the fly: 1 MiB of random
 * bytes, rotated differently in every MiB (so no block repeats), with an MBR signature so the
 * uploader recognises a disk. `fill` writes the bytes of [pos, pos + buf.length).
 */
const pattern = randomBytes(BLOCK);
function fill(buf: Buffer, pos: number): Buffer {
  let at = 0;
  while (at < buf.length) {
    const p = pos + at;
    const block = Math.floor(p / BLOCK);
    const src = (p - block * BLOCK + block * 4099) % BLOCK;
    const n = Math.min(buf.length - at, BLOCK - (p - block * BLOCK), BLOCK - src);
    pattern.copy(buf, at, src, src + n);
    at += n;
  }
  if (pos < 512) {
    const head = Buffer.alloc(512);
    head[510] = 0x55;
    head[511] = 0xaa;
    head.copy(buf, 0, pos, Math.min(512, pos + buf.length));
  }
  return buf;
}

function sha256Of(size: number): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(4 * BLOCK);
  for (let pos = 0; pos < size; pos += buf.length)
    h.update(fill(buf.subarray(0, Math.min(buf.length, size - pos)), pos));
  return h.digest('hex');
}

async function createImage(stack: Stack, name: string, sha256?: string): Promise<void> {
  await stack.kube('alice', {
    method: 'POST',
    path: VIS,
    body: {
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualImage',
      metadata: { name },
      spec: {
        storage: 'ContainerRegistry',
        dataSource: { type: 'Upload', ...(sha256 ? { upload: { checksum: { sha256 } } } : {}) },
      },
    },
  });
}

async function startUpload(
  stack: Stack,
  name: string,
  size: number,
  user: SandboxUserName = 'alice',
) {
  const r = await call<UploadInfo>(stack, user, 'POST', UPLOADS_PATH, {
    resource: 'virtualimages',
    namespace: 'demo',
    name,
    size,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

interface PatchResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  cut?: boolean;
}

/**
 * PATCHes bytes [from, size) of the generated file, streamed with backpressure (never more than
 * a chunk in hand). `cutAfter`: destroy the request after that many bytes, as a dropped
 * connection would.
 */
async function patch(
  stack: Stack,
  id: string,
  from: number,
  size: number,
  opts: { cutAfter?: number; user?: SandboxUserName; headers?: Record<string, string> } = {},
): Promise<PatchResult> {
  const req = request(`${stack.url}${UPLOADS_PATH}/${id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${stack.tokens[opts.user ?? 'alice']}`,
      'Content-Type': UPLOAD_CONTENT_TYPE,
      'Upload-Offset': String(from),
      'Content-Length': String(size - from),
      ...opts.headers,
    },
  });
  const answered = new Promise<PatchResult>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        });
      });
    });
    req.on('error', reject);
  });
  let pos = from;
  while (pos < size) {
    if (opts.cutAfter !== undefined && pos - from >= opts.cutAfter) {
      answered.catch(() => undefined);
      req.destroy();
      return { status: 0, headers: {}, body: undefined, cut: true };
    }
    const buf = fill(Buffer.allocUnsafe(Math.min(CHUNK, size - pos)), pos);
    pos += buf.length;
    if (!req.write(buf)) {
      const early = await Promise.race([once(req, 'drain').then(() => undefined), answered]);
      if (early) return early;
    }
  }
  req.end();
  return answered;
}

async function head(stack: Stack, id: string, user: SandboxUserName = 'alice') {
  const res = await fetch(`${stack.url}${UPLOADS_PATH}/${id}`, {
    method: 'HEAD',
    headers: { Authorization: `Bearer ${stack.tokens[user]}` },
  });
  return { status: res.status, offset: Number(res.headers.get('upload-offset')) };
}

const view = (stack: Stack, id: string, user: SandboxUserName = 'alice') =>
  call<UploadInfo & Status>(stack, user, 'GET', `${UPLOADS_PATH}/${id}`);

interface ImageStatus {
  status?: { phase?: string; format?: string; size?: { storedBytes?: number | string } };
}

describe('image uploads through the BFF', () => {
  const stack = useStack({
    controllers: true,
    env: { UPLOAD_RESUME_SECONDS: String(RESUME_SECONDS), UPLOAD_RATE_PER_MINUTE: '2000' },
  });

  it('uploads 1 GiB with a cut and a resume, in constant memory, into a Ready image', async () => {
    const s = stack();
    const free = statfsSync(inject('bffTestRoot'));
    expect(free.bavail * free.bsize, 'free space for the sandbox to store 1 GiB').toBeGreaterThan(
      3 * GiB,
    );
    const sha256 = sha256Of(GiB);
    await createImage(s, 'big', sha256);
    const up = await startUpload(s, 'big', GiB);
    expect(up).toMatchObject({ offset: 0, size: GiB, state: 'ready', name: 'big' });

    // Everything in this process counts: the BFF and the test's own generator and client.
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    try {
      const first = await patch(s, up.id, 0, GiB, { cutAfter: 400 * 1024 * 1024 });
      expect(first.cut).toBe(true);
      const paused = await eventually(async () => {
        const v = await view(s, up.id);
        return v.body.state === 'paused' && v.body;
      });
      const { offset } = await head(s, up.id);
      expect(offset).toBe(paused.offset);
      expect(offset).toBeGreaterThan(100 * 1024 * 1024);
      expect(offset).toBeLessThanOrEqual(400 * 1024 * 1024);

      const wrong = await patch(s, up.id, offset + 1, offset + 2);
      expect(wrong.status).toBe(409);
      expect(wrong.headers['upload-offset']).toBe(String(offset));
      expect(wrong.body).toMatchObject({ kind: 'Status', reason: 'Conflict' });

      const rest = await patch(s, up.id, offset, GiB);
      expect(rest.status, JSON.stringify(rest.body)).toBe(200);
      expect(rest.body).toMatchObject({ offset: GiB, state: 'done' });
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - baseline) / 1024 / 1024;
    console.log(`1 GiB upload: RSS growth of the test+BFF process ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(100);

    const image = await eventually(
      async () => {
        const vi = await s.kube<ImageStatus>('admin', { path: `${VIS}/big` });
        return vi.status?.phase === 'Ready' && vi;
      },
      60_000,
      'the image to be Ready',
    );
    expect(image.status?.format).toBe('raw');
    expect(Number(image.status?.size?.storedBytes)).toBe(GiB);
    const done = await view(s, up.id);
    expect(done.body).toMatchObject({ state: 'done', offset: GiB, image: { phase: 'Ready' } });
  }, 240_000);

  it('keeps sessions to their owner and refuses what the cluster refuses', async () => {
    const s = stack();
    await createImage(s, 'owned');
    const up = await startUpload(s, 'owned', 4096);
    for (const user of ['dave', 'bob'] as const) {
      expect((await view(s, up.id, user)).status).toBe(404);
      expect((await head(s, up.id, user)).status).toBe(404);
      expect((await patch(s, up.id, 0, 4096, { user })).status).toBe(404);
      expect((await call(s, user, 'DELETE', `${UPLOADS_PATH}/${up.id}`)).status).toBe(404);
    }
    // Someone else's upload to the same image is in progress.
    const other = await call<Status>(s, 'admin', 'POST', UPLOADS_PATH, {
      resource: 'virtualimages',
      namespace: 'demo',
      name: 'owned',
      size: 4096,
    });
    expect(other.status).toBe(409);
    // The owner asking again (a reloaded page) gets the same session back.
    const again = await call<UploadInfo>(s, 'alice', 'POST', UPLOADS_PATH, {
      resource: 'virtualimages',
      namespace: 'demo',
      name: 'owned',
      size: 4096,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(up.id);

    const denied = await call<Status>(s, 'mallory', 'POST', UPLOADS_PATH, {
      resource: 'virtualimages',
      namespace: 'demo',
      name: 'owned',
      size: 4096,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('User "mallory" cannot get resource "virtualimages"');
    const missing = await call<Status>(s, 'alice', 'POST', UPLOADS_PATH, {
      resource: 'virtualimages',
      namespace: 'demo',
      name: 'no-such-image',
      size: 4096,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe('NotFound');
    expect((await view(s, 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await view(s, 'bad id!')).status).toBe(404);

    // The owner sends the file in two PATCHes (the second continues the same upstream PUT).
    const half = await patch(s, up.id, 0, 2048);
    expect(half.status).toBe(200);
    expect(half.body).toMatchObject({ offset: 2048, state: 'paused' });
    expect(half.headers['upload-offset']).toBe('2048');
    const whole = await patch(s, up.id, 2048, 4096);
    expect(whole.body).toMatchObject({ offset: 4096, state: 'done' });
    await eventually(async () => {
      const vi = await s.kube<ImageStatus>('admin', { path: `${VIS}/owned` });
      return vi.status?.phase === 'Ready';
    });
  });

  it('answers bad requests with 4xx Statuses and loses nothing', async () => {
    const s = stack();
    await createImage(s, 'strict');
    const up = await startUpload(s, 'strict', 8192);
    const cases: [Record<string, string>, number, string][] = [
      [{ 'Content-Type': 'application/octet-stream' }, 415, 'UnsupportedMediaType'],
      [{ 'Upload-Offset': 'abc' }, 400, 'BadRequest'],
      [{ 'Upload-Offset': '-1' }, 400, 'BadRequest'],
    ];
    for (const [headers, code, reason] of cases) {
      const r = await patch(s, up.id, 0, 100, { headers });
      expect(r.status).toBe(code);
      expect(r.body).toMatchObject({ kind: 'Status', reason, code });
    }
    const tooLong = await patch(s, up.id, 0, 8193);
    expect(tooLong.status).toBe(413);
    expect(tooLong.body).toMatchObject({ reason: 'RequestEntityTooLarge' });
    expect((await head(s, up.id)).offset).toBe(0);

    const invalid: [unknown, string][] = [
      [{ resource: 'virtualimages', name: 'strict', size: 1 }, 'namespace'],
      [{ resource: 'clustervirtualimages', namespace: 'demo', name: 'x', size: 1 }, 'namespace'],
      [{ resource: 'virtualimages', namespace: 'demo', name: 'strict', size: -5 }, 'size'],
      [{ resource: 'virtualdisks', namespace: 'demo', name: 'strict', size: 1 }, 'resource'],
    ];
    for (const [body, field] of invalid) {
      const r = await call<Status>(s, 'alice', 'POST', UPLOADS_PATH, body);
      expect(r.status).toBe(422);
      expect(r.body.details?.causes?.map((c) => c.field)).toContain(field);
    }
    // An image that does not take uploads.
    await s.kube('alice', {
      method: 'POST',
      path: VIS,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualImage',
        metadata: { name: 'from-http' },
        spec: {
          storage: 'ContainerRegistry',
          dataSource: {
            type: 'HTTP',
            http: { url: `${s.sandbox.gatewayUrl}/catalogue/demo.qcow2` },
          },
        },
      },
    });
    const notUpload = await call<Status>(s, 'alice', 'POST', UPLOADS_PATH, {
      resource: 'virtualimages',
      namespace: 'demo',
      name: 'from-http',
      size: 10,
    });
    expect(notUpload.status).toBe(400);
    expect(notUpload.body.message).toContain('dataSource.type is HTTP');
  });

  it("passes the uploader's verdict through: a file that is not a disk fails the upload", async () => {
    const s = stack();
    const { id, answer } = await textUpload(s);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ kind: 'Status', code: 400 });
    expect(answer.body.message).toContain('not a disk image');
    expect((await view(s, id)).body).toMatchObject({ state: 'failed', offset: 4096 });
  });

  it('cancels on DELETE, and abandons a paused upload after the resume window', async () => {
    const s = stack();
    await createImage(s, 'cancelled');
    const a = await startUpload(s, 'cancelled', 8 * 1024 * 1024);
    expect((await patch(s, a.id, 0, 8 * 1024 * 1024, { cutAfter: CHUNK * 4 })).cut).toBe(true);
    await eventually(async () => (await view(s, a.id)).body.state === 'paused');
    const del = await call<UploadInfo>(s, 'alice', 'DELETE', `${UPLOADS_PATH}/${a.id}`);
    expect(del.body.state).toBe('cancelled');
    const after = await patch(s, a.id, (await head(s, a.id)).offset, 8 * 1024 * 1024);
    expect(after.status).toBe(409);

    await createImage(s, 'abandoned');
    const b = await startUpload(s, 'abandoned', 8 * 1024 * 1024);
    expect((await patch(s, b.id, 0, 8 * 1024 * 1024, { cutAfter: CHUNK * 4 })).cut).toBe(true);
    const failed = await eventually(
      async () => {
        const v = await view(s, b.id);
        return v.body.state === 'failed' && v.body;
      },
      (RESUME_SECONDS + 5) * 1000,
    );
    expect(failed.message).toContain('abandoned');
  }, 60_000);
});

/** A 4 KiB text file uploaded in one PATCH (the uploader refuses it). */
async function textUpload(
  s: Stack,
): Promise<{ id: string; answer: { status: number; body: Status } }> {
  await createImage(s, 'text-file');
  const up = await startUpload(s, 'text-file', 4096);
  const res = await fetch(`${s.url}${UPLOADS_PATH}/${up.id}`, {
    method: 'PATCH',
    headers: {
      Authorization: `Bearer ${s.tokens.alice}`,
      'Content-Type': UPLOAD_CONTENT_TYPE,
      'Upload-Offset': '0',
    },
    body: Buffer.alloc(4096, 'hello, this is not a disk image\n'),
  });
  return { id: up.id, answer: { status: res.status, body: (await res.json()) as Status } };
}

describe('upload rate limit', () => {
  const stack = useStack({ env: { UPLOAD_RATE_PER_MINUTE: '3' } });

  it('answers 429 TooManyRequests with Retry-After past UPLOAD_RATE_PER_MINUTE', async () => {
    const s = stack();
    for (let i = 0; i < 3; i++) expect((await view(s, 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const limited = await view(s, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other endpoints are not counted.
    expect((await call(s, 'alice', 'GET', '/api/me')).status).toBe(200);
  });
});
