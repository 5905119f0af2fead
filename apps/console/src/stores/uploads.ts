import { UPLOAD_CONTENT_TYPE, UPLOAD_OFFSET_HEADER, UPLOADS_PATH, type UploadInfo } from '@dvp/api';
import { useSyncExternalStore } from 'react';
import { bffUrl } from '../api/base-path.ts';
import { toApiError } from '../api/errors.ts';
import {
  backoffMs,
  failureOf,
  isActive,
  nextChunk,
  Stop,
  UPLOAD_DEFAULTS,
  uploadKey,
  type UploadDeps,
  type UploadJob,
  type UploadOptions,
  type UploadRequest,
} from './upload-job.ts';
import { setUploadCount } from './upload-presence.ts';

export * from './upload-job.ts';

/**
 * Image uploads that outlive the page that started them: a module store (like toasts), so an
 * upload keeps streaming while the user moves around the app. Speaks the BFF's resumable
 * protocol (packages/api/src/contract/uploads.ts): a session, then the file in PATCH chunks
 * (`File.slice`: the browser streams each slice from disk, the file is never read into memory,
 * so files over 2 GiB work); a dropped connection is resumed from the offset the BFF reports.
 * This and api/client.ts are the only places that call `fetch` (raw bodies and headers).
 */

interface Running {
  job: UploadJob;
  file: Blob;
  csrf: string | undefined;
  id?: string;
  abort: AbortController;
}

export class UploadStore {
  private jobs: UploadJob[] = [];
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly deps: UploadDeps,
    private readonly opts: UploadOptions = UPLOAD_DEFAULTS,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  snapshot = (): UploadJob[] => this.jobs;

  get(key: string): UploadJob | undefined {
    return this.jobs.find((j) => j.key === key);
  }

  /** Starts (or, for a key already uploading, returns) the upload of `req.file` into the image. */
  start(req: UploadRequest): UploadJob {
    const key = uploadKey(req.resource, req.namespace, req.name);
    const current = this.get(key);
    if (current && isActive(current)) return current;
    const job: UploadJob = {
      key,
      resource: req.resource,
      ...(req.namespace ? { namespace: req.namespace } : {}),
      name: req.name,
      fileName: req.file.name ?? req.name,
      size: req.file.size,
      sent: 0,
      phase: 'starting',
      speed: 0,
      attempt: 0,
    };
    const r: Running = { job, file: req.file, csrf: req.csrfToken, abort: new AbortController() };
    this.running.set(key, r);
    this.put(job);
    void this.run(r);
    return job;
  }

  /** Resumes a failed upload (from the offset the BFF holds, or from a new session). */
  retry(key: string): void {
    const r = this.running.get(key);
    if (!r || isActive(r.job)) return;
    r.abort = new AbortController();
    this.update(r, { phase: 'starting', attempt: 0, error: undefined });
    void this.run(r);
  }

  /** Stops the upload and cancels the BFF's session (the image keeps waiting for a file). */
  cancel(key: string): void {
    const r = this.running.get(key);
    if (!r || !isActive(r.job)) return;
    r.abort.abort();
    this.update(r, { phase: 'cancelled', retryAt: undefined });
    if (r.id)
      void this.deps
        .fetch(this.sessionUrl(r.id), {
          method: 'DELETE',
          headers: this.headers(r),
          credentials: 'same-origin',
        })
        .catch(() => undefined);
  }

  /** Forgets a finished upload. */
  dismiss(key: string): void {
    const j = this.get(key);
    if (!j || isActive(j)) return;
    this.running.delete(key);
    this.jobs = this.jobs.filter((x) => x.key !== key);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private put(job: UploadJob): void {
    const i = this.jobs.findIndex((j) => j.key === job.key);
    this.jobs = i < 0 ? [...this.jobs, job] : this.jobs.map((j, k) => (k === i ? job : j));
    this.emit();
  }

  private update(r: Running, patch: Partial<UploadJob>): void {
    const next = { ...r.job, ...patch };
    for (const k of Object.keys(patch) as (keyof UploadJob)[])
      if (patch[k] === undefined) delete next[k];
    r.job = next;
    this.put(next);
  }

  private headers(r: Running, extra: Record<string, string> = {}): Record<string, string> {
    return { ...(r.csrf ? { 'X-CSRF-Token': r.csrf } : {}), ...extra };
  }

  private sessionUrl(id: string): string {
    return this.deps.url(`${UPLOADS_PATH}/${encodeURIComponent(id)}`);
  }

  private async run(r: Running): Promise<void> {
    const { signal } = r.abort;
    try {
      let offset: number;
      if (r.id) offset = await this.reconnect(r, 0);
      else {
        const info = await this.createSession(r);
        r.id = info.id;
        offset = info.offset;
        this.update(r, { sent: offset });
      }
      let attempt = 0;
      let chunk = this.opts.initialChunk;
      while (offset < r.job.size) {
        if (signal.aborted) return;
        const end = Math.min(r.job.size, offset + chunk);
        const started = this.deps.now();
        this.update(r, { phase: 'uploading', attempt, retryAt: undefined });
        let res: Response;
        try {
          res = await this.deps.fetch(this.sessionUrl(r.id), {
            method: 'PATCH',
            headers: this.headers(r, {
              'Content-Type': UPLOAD_CONTENT_TYPE,
              [UPLOAD_OFFSET_HEADER]: String(offset),
            }),
            body: r.file.slice(offset, end),
            credentials: 'same-origin',
            signal,
          });
        } catch {
          if (signal.aborted) return;
          offset = await this.reconnect(r, ++attempt);
          continue;
        }
        if (res.ok) {
          const info = (await res.json()) as UploadInfo;
          const elapsed = this.deps.now() - started;
          const rate = ((info.offset - offset) * 1000) / Math.max(1, elapsed);
          const speed = r.job.speed ? 0.7 * r.job.speed + 0.3 * rate : rate;
          attempt = 0;
          chunk = nextChunk(chunk, elapsed, this.opts);
          offset = info.offset;
          this.update(r, { sent: offset, speed, attempt: 0 });
          if (info.state === 'done' || info.state === 'verifying') {
            this.update(r, { phase: info.state });
            return;
          }
          continue;
        }
        const expected = res.headers.get(UPLOAD_OFFSET_HEADER);
        if (res.status === 409 && expected !== null && /^\d+$/.test(expected)) {
          // Our offset was stale (a dropped body partly arrived): continue where the BFF is.
          offset = Number(expected);
          this.update(r, { sent: offset });
          continue;
        }
        if (res.status === 429) {
          const wait = Math.max(1, Number(res.headers.get('Retry-After')) || 5) * 1000;
          this.update(r, { phase: 'throttled', retryAt: this.deps.now() + wait });
          await this.deps.sleep(wait, signal);
          continue;
        }
        if (res.status >= 500 || res.status === 408) {
          offset = await this.reconnect(r, ++attempt);
          continue;
        }
        throw new Stop(await failureOf(res));
      }
      // Every byte is in but no PATCH answered the verdict (e.g. after a resume at the end).
      this.update(r, { phase: 'verifying', retryAt: undefined });
    } catch (e) {
      if (signal.aborted) return;
      this.update(r, {
        phase: 'failed',
        retryAt: undefined,
        error: e instanceof Stop ? e.error : toApiError(e),
      });
    }
  }

  private async createSession(r: Running): Promise<UploadInfo> {
    const { resource, namespace, name, size } = r.job;
    let res: Response;
    try {
      res = await this.deps.fetch(this.deps.url(UPLOADS_PATH), {
        method: 'POST',
        headers: this.headers(r, {
          'Content-Type': 'application/json',
          Accept: 'application/json',
        }),
        body: JSON.stringify({ resource, ...(namespace ? { namespace } : {}), name, size }),
        credentials: 'same-origin',
        signal: r.abort.signal,
      });
    } catch (e) {
      throw new Stop(toApiError(e));
    }
    if (!res.ok) throw new Stop(await failureOf(res));
    return (await res.json()) as UploadInfo;
  }

  /**
   * After a dropped connection: waits (exponential backoff), asks the BFF where the upload
   * stands (`HEAD`) and answers that offset; gives up after `maxAttempts`.
   */
  private async reconnect(r: Running, first: number): Promise<number> {
    const { signal } = r.abort;
    const id = r.id ?? '';
    for (let attempt = first; ; attempt++) {
      if (attempt > this.opts.maxAttempts) throw new Stop(toApiError(new Error('connection lost')));
      const delay = backoffMs(attempt, this.deps.random(), this.opts.maxBackoffMs);
      this.update(r, { phase: 'reconnecting', attempt, retryAt: this.deps.now() + delay });
      await this.deps.sleep(delay, signal);
      let res: Response;
      try {
        res = await this.deps.fetch(this.sessionUrl(id), {
          method: 'HEAD',
          headers: this.headers(r),
          credentials: 'same-origin',
          signal,
        });
      } catch {
        if (signal.aborted) throw new Stop(toApiError(new Error('cancelled')));
        continue;
      }
      if (res.ok) {
        const offset = Number(res.headers.get(UPLOAD_OFFSET_HEADER) ?? NaN);
        if (!Number.isFinite(offset)) continue;
        this.update(r, { sent: offset });
        return offset;
      }
      if (res.status >= 500 || res.status === 429 || res.status === 408) continue;
      throw new Stop(await failureOf(res));
    }
  }
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });

/** The app's upload store. */
export const uploads = new UploadStore({
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
  sleep: realSleep,
  random: Math.random,
  url: bffUrl,
});

// While an upload runs, closing or reloading the tab asks first (the browser's own dialog).
const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
let guarded = false;
uploads.subscribe(() => {
  setUploadCount(uploads.snapshot().length);
  const active = uploads.snapshot().some(isActive);
  if (active === guarded || typeof window === 'undefined') return;
  guarded = active;
  if (active) window.addEventListener('beforeunload', onBeforeUnload);
  else window.removeEventListener('beforeunload', onBeforeUnload);
});

/** Every upload of this tab (live). */
export function useUploads(): UploadJob[] {
  return useSyncExternalStore(uploads.subscribe, uploads.snapshot);
}

/** The upload of one image, if this tab has one. */
export function useUpload(key: string): UploadJob | undefined {
  return useUploads().find((j) => j.key === key);
}
