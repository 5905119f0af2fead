import { ApiError, statusOfResponse } from '../api/errors.ts';
import type { UploadResource } from '@dvp/api';

/** The upload store's model and pacing rules (stores/uploads.ts runs them). */

export type UploadPhase =
  | 'starting'
  | 'uploading'
  | 'reconnecting'
  | 'throttled'
  | 'verifying'
  | 'done'
  | 'failed'
  | 'cancelled';

/** One upload as the UI shows it (immutable: a new object on every change). */
export interface UploadJob {
  key: string;
  resource: UploadResource;
  namespace?: string;
  name: string;
  fileName: string;
  size: number;
  /** Bytes the BFF confirmed. */
  sent: number;
  phase: UploadPhase;
  /** Bytes per second (smoothed); 0 until the first chunk is in. */
  speed: number;
  /** Reconnect attempt (while `reconnecting`). */
  attempt: number;
  /** When the next attempt starts (ms since epoch; while `reconnecting`/`throttled`). */
  retryAt?: number;
  error?: ApiError;
}

export interface UploadRequest {
  resource: UploadResource;
  namespace?: string;
  name: string;
  file: Blob & { name?: string };
  /** The session's CSRF token (`X-CSRF-Token`, as api/client.ts sends it). */
  csrfToken?: string;
}

export interface UploadDeps {
  fetch: typeof fetch;
  now: () => number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** 0 ≤ x < 1 (backoff jitter). */
  random: () => number;
  url: (path: string) => string;
}

export interface UploadOptions {
  initialChunk: number;
  minChunk: number;
  maxChunk: number;
  /** Chunks are sized to take about this long (smooth progress, few requests). */
  targetChunkMs: number;
  /** Reconnect attempts before giving up (the BFF holds a paused upload for minutes). */
  maxAttempts: number;
  maxBackoffMs: number;
}

const MiB = 1024 * 1024;
export const UPLOAD_DEFAULTS: UploadOptions = {
  initialChunk: MiB,
  minChunk: 256 * 1024,
  maxChunk: 64 * MiB,
  targetChunkMs: 2000,
  maxAttempts: 10,
  maxBackoffMs: 30_000,
};

export const ACTIVE_PHASES: ReadonlySet<UploadPhase> = new Set([
  'starting',
  'uploading',
  'reconnecting',
  'throttled',
]);
export const isActive = (j: UploadJob) => ACTIVE_PHASES.has(j.phase);

export function uploadKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}/${namespace ?? ''}/${name}`;
}

/** Delay before reconnect attempt `n` (0 = at once): 1 s, 2 s, 4 s … capped, ±25 % jitter. */
export function backoffMs(n: number, random: number, max: number): number {
  if (n <= 0) return 0;
  return Math.round(Math.min(max, 1000 * 2 ** (n - 1)) * (0.75 + 0.5 * random));
}

/** The next chunk size: scaled toward the target duration, at most ×2 or ÷2 per step. */
export function nextChunk(chunk: number, elapsedMs: number, o: UploadOptions): number {
  const factor = Math.min(2, Math.max(0.5, o.targetChunkMs / Math.max(1, elapsedMs)));
  return Math.min(o.maxChunk, Math.max(o.minChunk, Math.round(chunk * factor)));
}

/** A failure that ends the upload (not retried). */
export class Stop extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function failureOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return new ApiError(
    statusOfResponse(res.status, body, text),
    res.headers.get('X-Request-Id') ?? undefined,
  );
}
