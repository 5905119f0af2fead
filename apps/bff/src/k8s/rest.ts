import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Identity } from '../auth/identity.ts';
import type { Cluster } from './cluster.ts';
import { makeStatus, parseStatus, StatusError, statusForCode } from './status.ts';

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API path, e.g. `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Default `application/json`; patches pass `application/merge-patch+json`. */
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Default 30 s. */
  timeoutMs?: number;
}

/** Observes every upstream call (metrics). */
export type RequestObserver = (method: string, code: number, seconds: number) => void;

const USER_AGENT = 'dvp-console-bff';
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * Plain Kubernetes REST calls with an identity. Answers the parsed JSON body, or throws a
 * `StatusError` carrying the cluster's own Status (or a Status made from what it sent).
 */
export class KubeRest {
  constructor(
    readonly cluster: Cluster,
    private readonly observe: RequestObserver = () => {},
  ) {}

  async request<T = unknown>(identity: Identity, req: KubeRequest): Promise<T> {
    const res = await this.open(identity, req);
    const text = await readBody(res, req.signal);
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) {
      throw new StatusError(parseStatus(text) ?? statusForCode(code, text));
    }
    if (text.length === 0) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new StatusError(
        makeStatus(502, 'InternalError', 'the cluster answered with a body that is not JSON'),
      );
    }
  }

  /** Opens a request and answers the raw response (status not checked): for streaming reads. */
  async open(identity: Identity, req: KubeRequest): Promise<IncomingMessage> {
    const opts = await this.cluster.requestOptions(identity);
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) qs.set(k, String(v));
    const path = `${opts.path ?? ''}${req.path}${qs.size ? `?${qs.toString()}` : ''}`;
    const body =
      req.body === undefined
        ? undefined
        : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    const headers: Record<string, string | string[] | number> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      ...(opts.headers as Record<string, string | string[]>),
      ...req.headers,
    };
    if (body) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = body.length;
    }
    const method = req.method ?? 'GET';
    const started = performance.now();
    const send = this.cluster.secure ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const r = send({ ...opts, method, path, headers, signal: req.signal }, (res) => {
        this.observe(method, res.statusCode ?? 0, (performance.now() - started) / 1000);
        resolve(res);
      });
      r.setTimeout(req.timeoutMs ?? 30_000, () =>
        r.destroy(new UpstreamError('the cluster did not answer in time', 504)),
      );
      r.on('error', (e) => {
        this.observe(method, 0, (performance.now() - started) / 1000);
        reject(unreachable(e));
      });
      r.end(body);
    });
  }
}

/** A failure to talk to the cluster at all (as opposed to an answer that is an error). */
class UpstreamError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function unreachable(e: unknown): StatusError | Error {
  if (e instanceof StatusError) return e;
  if ((e as Error).name === 'AbortError') return e as Error;
  if (e instanceof UpstreamError) {
    return new StatusError(makeStatus(e.code, 'Timeout', e.message));
  }
  // Never the error's own text: it can name internal addresses. The code is enough to diagnose.
  const code = (e as { code?: string }).code ?? 'error';
  return new StatusError(
    makeStatus(503, 'ServiceUnavailable', `the cluster's API server is unreachable (${code})`),
  );
}

function readBody(res: IncomingMessage, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_RESPONSE_BYTES) {
        res.destroy();
        reject(
          new StatusError(makeStatus(502, 'InternalError', 'the cluster answer is too large')),
        );
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', (e) => reject(unreachable(e)));
    signal?.addEventListener('abort', () => res.destroy(), { once: true });
  });
}
