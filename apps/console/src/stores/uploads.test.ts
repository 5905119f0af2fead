import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  nextChunk,
  UPLOAD_DEFAULTS,
  UploadStore,
  type UploadJob,
  type UploadOptions,
} from './uploads.ts';

const KiB = 1024;

/** What the fake BFF does with one PATCH (by its 1-based number). */
type PatchFate =
  | 'ok'
  /** The connection drops after `bytes` of the body arrived (the BFF keeps them). */
  | { drop: number }
  | { status: number; body?: unknown; headers?: Record<string, string> };

interface Call {
  method: string;
  offset?: number;
  bytes?: number;
  headers: Record<string, string>;
}

/** A fake BFF upload session behind a fake `fetch` (the protocol of contract/uploads.ts). */
function fakeBff(
  size: number,
  fates: Record<number, PatchFate> = {},
  heads: Record<number, 'fail'> = {},
  /** Holds each PATCH until it resolves (the fetch rejects when its signal aborts). */
  gate?: Promise<void>,
) {
  let offset = 0;
  let patches = 0;
  let headCount = 0;
  const calls: Call[] = [];
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
  const info = (state: string) => ({
    id: 'session-1',
    resource: 'virtualimages',
    name: 'img',
    size,
    offset,
    state,
  });
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (method === 'POST') {
      calls.push({ method, headers });
      return json(201, info('ready'));
    }
    if (method === 'HEAD') {
      headCount += 1;
      calls.push({ method, headers });
      if (heads[headCount] === 'fail') throw new TypeError('Failed to fetch');
      return new Response(null, { status: 200, headers: { 'Upload-Offset': String(offset) } });
    }
    if (method === 'DELETE') {
      calls.push({ method, headers });
      return json(200, info('cancelled'));
    }
    if (gate)
      await new Promise<void>((resolve, reject) => {
        void gate.then(resolve);
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    patches += 1;
    const start = Number(headers['Upload-Offset']);
    const body = init?.body as Blob;
    calls.push({ method, offset: start, bytes: body.size, headers });
    const fate = fates[patches] ?? 'ok';
    if (start !== offset)
      return json(
        409,
        { kind: 'Status', code: 409, reason: 'Conflict', message: 'offset' },
        {
          'Upload-Offset': String(offset),
        },
      );
    if (fate !== 'ok' && 'drop' in fate) {
      offset += fate.drop;
      throw new TypeError('Failed to fetch');
    }
    if (fate !== 'ok') return json(fate.status, fate.body ?? {}, fate.headers);
    offset += body.size;
    return json(200, info(offset === size ? 'done' : 'paused'));
  }) as typeof globalThis.fetch;
  return {
    fetch,
    calls,
    get offset() {
      return offset;
    },
  };
}

function setup(bff: ReturnType<typeof fakeBff>, opts: Partial<UploadOptions> = {}) {
  let clock = 0;
  const sleeps: number[] = [];
  const store = new UploadStore(
    {
      fetch: bff.fetch,
      now: () => (clock += 10),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      url: (p) => p,
    },
    { ...UPLOAD_DEFAULTS, initialChunk: 64 * KiB, minChunk: 16 * KiB, ...opts },
  );
  const phases: string[] = [];
  store.subscribe(() => {
    const p = store.snapshot()[0]?.phase;
    if (p && phases.at(-1) !== p) phases.push(p);
  });
  return { store, sleeps, phases };
}

const file = (bytes: number) => new Blob([new Uint8Array(bytes)]);

async function settle(store: UploadStore, key: string): Promise<UploadJob> {
  for (let i = 0; i < 1000; i++) {
    const j = store.get(key);
    if (j && !['starting', 'uploading', 'reconnecting', 'throttled'].includes(j.phase)) return j;
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error('the upload did not settle');
}

const KEY = 'virtualimages/demo/img';
const start = (store: UploadStore, size: number) =>
  store.start({
    resource: 'virtualimages',
    namespace: 'demo',
    name: 'img',
    file: file(size),
    csrfToken: 'tok',
  });

describe('upload store', () => {
  it('sends the file in contiguous, growing chunks with the CSRF header, to done', async () => {
    const size = 1000 * KiB;
    const bff = fakeBff(size);
    const { store } = setup(bff);
    start(store, size);
    const job = await settle(store, KEY);
    expect(job.phase).toBe('done');
    expect(job.sent).toBe(size);
    const patches = bff.calls.filter((c) => c.method === 'PATCH');
    let next = 0;
    for (const p of patches) {
      expect(p.offset).toBe(next);
      expect(p.headers['Content-Type']).toBe('application/offset+octet-stream');
      expect(p.headers['X-CSRF-Token']).toBe('tok');
      next += p.bytes ?? 0;
    }
    expect(next).toBe(size);
    // Fast chunks grow (×2 each) so a big file takes few requests.
    expect(patches[1]?.bytes).toBe(2 * (patches[0]?.bytes ?? 0));
  });

  it('after a connection dropped mid-body, backs off, asks the offset and resumes from it', async () => {
    const size = 300 * KiB;
    const bff = fakeBff(size, { 2: { drop: 40 * KiB } });
    const { store, sleeps, phases } = setup(bff);
    start(store, size);
    const job = await settle(store, KEY);
    expect(job.phase).toBe('done');
    expect(bff.offset).toBe(size);
    expect(phases).toEqual(['starting', 'uploading', 'reconnecting', 'uploading', 'done']);
    expect(sleeps).toEqual([1000]);
    const methods = bff.calls.map(
      (c) => `${c.method}${c.offset === undefined ? '' : ` ${c.offset / KiB}`}`,
    );
    // 64 KiB went through, the second chunk (128 KiB from 64) dropped after 40 KiB: resume at 104.
    expect(methods.slice(0, 5)).toEqual(['POST', 'PATCH 0', 'PATCH 64', 'HEAD', 'PATCH 104']);
  });

  it('keeps trying with growing delays while the server is unreachable', async () => {
    const size = 200 * KiB;
    const bff = fakeBff(size, { 1: { drop: 0 } }, { 1: 'fail', 2: 'fail' });
    const { store, sleeps } = setup(bff);
    start(store, size);
    expect((await settle(store, KEY)).phase).toBe('done');
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('gives up after the last attempt, and Retry resumes from the offset the BFF holds', async () => {
    const size = 200 * KiB;
    const heads: Record<number, 'fail'> = { 1: 'fail', 2: 'fail', 3: 'fail' };
    const bff = fakeBff(size, { 2: { drop: 10 * KiB } }, heads);
    const { store } = setup(bff, { maxAttempts: 3 });
    start(store, size);
    const failed = await settle(store, KEY);
    expect(failed.phase).toBe('failed');
    expect(failed.error?.code).toBe(0);
    expect(failed.sent).toBe(64 * KiB);
    store.retry(KEY);
    const done = await settle(store, KEY);
    expect(done.phase).toBe('done');
    const after = bff.calls.slice(bff.calls.findLastIndex((c) => c.method === 'HEAD'));
    expect(after.map((c) => c.method).slice(0, 2)).toEqual(['HEAD', 'PATCH']);
    expect(after[1]?.offset).toBe(74 * KiB);
  });

  it('continues from the offset a 409 Conflict reports', async () => {
    const size = 100 * KiB;
    const bff = fakeBff(size, {
      1: { status: 409, headers: { 'Upload-Offset': '0' }, body: { kind: 'Status', code: 409 } },
    });
    const { store } = setup(bff);
    start(store, size);
    expect((await settle(store, KEY)).phase).toBe('done');
    expect(bff.calls.filter((c) => c.method === 'PATCH').map((c) => c.offset)).toEqual([
      0,
      0,
      64 * KiB,
    ]);
  });

  it('waits for Retry-After when rate limited', async () => {
    const size = 50 * KiB;
    const bff = fakeBff(size, { 1: { status: 429, headers: { 'Retry-After': '7' } } });
    const { store, sleeps, phases } = setup(bff);
    start(store, size);
    expect((await settle(store, KEY)).phase).toBe('done');
    expect(sleeps).toEqual([7000]);
    expect(phases).toContain('throttled');
  });

  it('stops on a refusal and keeps the Status (no retry)', async () => {
    const size = 50 * KiB;
    const status = { kind: 'Status', code: 400, reason: 'BadRequest', message: 'not a disk image' };
    const bff = fakeBff(size, { 1: { status: 400, body: status } });
    const { store, sleeps } = setup(bff);
    start(store, size);
    const job = await settle(store, KEY);
    expect(job.phase).toBe('failed');
    expect(job.error?.message).toBe('not a disk image');
    expect(sleeps).toEqual([]);
  });

  it('cancel aborts and deletes the session', async () => {
    const size = 1000 * KiB;
    let open = () => {};
    const bff = fakeBff(size, {}, {}, new Promise<void>((r) => (open = r)));
    const { store } = setup(bff);
    start(store, size);
    await new Promise((r) => setTimeout(r, 0));
    store.cancel(KEY);
    open();
    const job = await settle(store, KEY);
    expect(job.phase).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 0));
    expect(bff.calls.at(-1)?.method).toBe('DELETE');
    expect(bff.offset).toBeLessThan(size);
  });
});

describe('upload pacing', () => {
  it('backs off exponentially with a cap', () => {
    expect([0, 1, 2, 3, 6, 9].map((n) => backoffMs(n, 0.5, 30_000))).toEqual([
      0, 1000, 2000, 4000, 30_000, 30_000,
    ]);
  });
  it('sizes chunks toward the target duration', () => {
    expect(nextChunk(1024 * KiB, 100, UPLOAD_DEFAULTS)).toBe(2048 * KiB);
    expect(nextChunk(8192 * KiB, 8000, UPLOAD_DEFAULTS)).toBe(4096 * KiB);
    expect(nextChunk(64 * 1024 * KiB, 10, UPLOAD_DEFAULTS)).toBe(64 * 1024 * KiB);
  });
});
