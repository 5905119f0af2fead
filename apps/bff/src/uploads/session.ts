import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Status, UploadInfo, UploadState } from '@dvp/api';
import { makeStatus, StatusError, statusErrors, statusForCode } from '../k8s/status.ts';
import type { UploadTarget } from './target.ts';

export interface SessionDeps {
  /** How long a paused upload waits for the next PATCH. */
  resumeMs: number;
  /** Counts bytes forwarded (metrics). */
  onBytes(n: number): void;
  /** Called once when the session reaches a final state. */
  onFinal(session: UploadSession): void;
}

const FINAL: ReadonlySet<UploadState> = new Set(['done', 'failed', 'cancelled']);
const MAX_ANSWER_BYTES = 64 * 1024;
/** How long the last PATCH waits for the uploader's verdict before answering `verifying`. */
const VERDICT_WAIT_MS = 60_000;

/**
 * One resumable upload: ONE long upstream PUT to the image's upload URL (Content-Length = the
 * file's size) fed by consecutive PATCH bodies. Each chunk is written only when the upstream
 * took the previous one (constant memory, whatever the file's size). Between PATCHes, and
 * when a browser connection drops, the upstream request stays open, paused, for `resumeMs`.
 */
export class UploadSession {
  readonly id = randomBytes(16).toString('base64url');
  offset = 0;
  state: UploadState = 'ready';
  message: string | undefined;
  /** The uploader's (or the connection's) failure, answered to the PATCH that meets it. */
  private failure: Status | undefined;
  private resumeBy: number | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;
  private upstream: ClientRequest | undefined;
  /** Aborted when the upstream is gone (answered, failed or cancelled). */
  private readonly gone = new AbortController();
  private verdict: Promise<Status | undefined> | undefined;
  private feeding: { req: IncomingMessage; done: Promise<unknown> } | undefined;

  constructor(
    readonly owner: string,
    readonly target: UploadTarget,
    readonly size: number,
    private readonly deps: SessionDeps,
  ) {}

  get final(): boolean {
    return FINAL.has(this.state);
  }

  info(): UploadInfo {
    const t = this.target;
    return {
      id: this.id,
      resource: t.resource,
      ...(t.namespace ? { namespace: t.namespace } : {}),
      name: t.name,
      size: this.size,
      offset: this.offset,
      state: this.state,
      ...(this.message ? { message: this.message } : {}),
      ...(this.state === 'paused' && this.resumeBy
        ? { resumeDeadline: new Date(this.resumeBy).toISOString() }
        : {}),
    };
  }

  /**
   * Streams `req`'s body into the upload from `offset`. A PATCH still running (a connection
   * the browser gave up on) is cut first. Resolves when the body is in (the last one: when
   * the uploader answered, or after a minute as `verifying`); rejects with a Status for a
   * wrong offset (409), too many bytes (413) or an upstream failure. A dropped body leaves
   * the session `paused` and resolves.
   */
  async feed(req: IncomingMessage, offset: number, declaredLength: number | undefined) {
    if (this.feeding) {
      this.feeding.req.destroy();
      await this.feeding.done;
    }
    this.requireOpen();
    if (offset !== this.offset) throw this.offsetConflict(offset);
    if (declaredLength !== undefined && offset + declaredLength > this.size)
      throw this.tooLarge(offset + declaredLength);
    const done = this.pump(req);
    this.feeding = { req, done: done.catch(() => undefined) };
    try {
      await done;
    } catch (e) {
      // Too many bytes: nothing past the size was written; the session waits for a good PATCH.
      if (!this.final) this.pause();
      throw e;
    } finally {
      if (this.feeding?.req === req) this.feeding = undefined;
    }
    if (this.offset < this.size) {
      if (!this.final) this.pause();
      return;
    }
    this.state = 'verifying';
    this.clearResume();
    this.upstream?.end();
    const verdict = await Promise.race([
      this.verdict,
      new Promise<'later'>((r) => setTimeout(r, VERDICT_WAIT_MS, 'later').unref()),
    ]);
    if (verdict !== 'later' && verdict) throw new StatusError(verdict);
  }

  /** Cancels the upload (the uploader sees an interrupted upload; the image keeps waiting). */
  cancel(): void {
    if (this.final) return;
    this.feeding?.req.destroy();
    this.finish('cancelled', 'cancelled by the user');
  }

  private async pump(req: IncomingMessage): Promise<void> {
    this.state = 'uploading';
    this.clearResume();
    const up = this.open();
    const chunks = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    try {
      for (;;) {
        // Ends the PATCH as soon as the upload fails or is cancelled, even while the body stalls.
        const next = await this.unlessGone(chunks.next());
        if (next.done) break;
        const chunk = next.value;
        if (this.offset + chunk.length > this.size) throw this.tooLarge(this.offset + chunk.length);
        const more = up.write(chunk);
        this.offset += chunk.length;
        this.deps.onBytes(chunk.length);
        if (!more) await this.unlessGone(once(up, 'drain'));
      }
    } catch (e) {
      if (e instanceof StatusError) throw e;
      if (this.final) throw this.closedError();
      // The browser's connection dropped (or a newer PATCH took over): wait for a resume.
    }
  }

  /**
   * `p`, or the session's failure once the upstream is gone. (Not `Promise.race` with one
   * long-lived promise: each race would leave a reaction on it that keeps its chunk alive.)
   */
  private unlessGone<T>(p: Promise<T>): Promise<T> {
    const signal = this.gone.signal;
    if (signal.aborted) return Promise.reject(this.closedError());
    return new Promise<T>((resolve, reject) => {
      const stop = () => reject(this.closedError());
      signal.addEventListener('abort', stop, { once: true });
      p.then(
        (v) => {
          signal.removeEventListener('abort', stop);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', stop);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** The upstream PUT, opened on the first PATCH. */
  private open(): ClientRequest {
    if (this.upstream) return this.upstream;
    const url = this.target.url;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const up = send(url, {
      method: 'PUT',
      agent: false,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(this.size),
        'User-Agent': 'dvp-console-bff',
      },
    });
    this.upstream = up;
    this.verdict = new Promise<Status | undefined>((resolve) => {
      up.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        });
        res.on('end', () => {
          const code = res.statusCode ?? 502;
          const text = Buffer.concat(chunks).toString('utf8').trim();
          if (code >= 200 && code < 300 && this.offset === this.size) {
            this.finish('done', undefined);
            return resolve(undefined);
          }
          // The uploader answers in plain text: its words, with its code, as a Status.
          const status = statusForCode(code >= 200 && code < 300 ? 502 : code, text);
          this.failure = status;
          this.finish('failed', status.message);
          resolve(status);
        });
        res.on('error', () => resolve(this.upstreamLost('ECONNRESET')));
      });
      up.on('error', (e: Error & { code?: string }) => {
        resolve(this.upstreamLost(e.code ?? 'error'));
      });
    });
    return up;
  }

  private upstreamLost(code: string): Status | undefined {
    // After a cancel or a verdict, a closing connection says nothing new.
    if (this.final) return this.failure;
    const status = makeStatus(
      503,
      'ServiceUnavailable',
      `the image's upload endpoint failed (${code}); the image still waits for its file: start a new upload`,
    );
    this.failure ??= status;
    this.finish('failed', status.message);
    return this.failure;
  }

  private pause(): void {
    this.state = 'paused';
    this.resumeBy = Date.now() + this.deps.resumeMs;
    this.resumeTimer = setTimeout(
      () =>
        this.finish(
          'failed',
          `no data for ${Math.round(this.deps.resumeMs / 1000)} s: the upload was abandoned`,
        ),
      this.deps.resumeMs,
    );
    this.resumeTimer.unref();
  }

  private clearResume(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.resumeBy = undefined;
  }

  private finish(state: 'done' | 'failed' | 'cancelled', message: string | undefined): void {
    if (this.final) return;
    this.state = state;
    this.message = message;
    this.clearResume();
    this.gone.abort();
    if (state !== 'done') this.upstream?.destroy();
    this.deps.onFinal(this);
  }

  private requireOpen(): void {
    if (this.final || this.state === 'verifying') throw this.closedError();
  }

  private closedError(): StatusError {
    if (this.failure) return new StatusError(this.failure);
    const why = this.message ? `: ${this.message}` : '';
    return statusErrors.conflict(`upload ${this.id} is ${this.state}${why}`);
  }

  private offsetConflict(offset: number): StatusError {
    return new StatusError(
      makeStatus(
        409,
        'Conflict',
        `upload ${this.id} is at offset ${this.offset}, not ${offset}: resume from ${this.offset}`,
        {
          name: this.id,
          causes: [
            {
              field: 'Upload-Offset',
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${offset}: expected ${this.offset}`,
            },
          ],
        },
      ),
    );
  }

  private tooLarge(end: number): StatusError {
    return statusErrors.tooLarge(
      `the body would end at byte ${end}, beyond the declared size of ${this.size} bytes`,
    );
  }
}
