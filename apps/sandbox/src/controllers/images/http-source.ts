import { createWriteStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream/promises';
import { describeNetworkError, envSeconds, ImportError } from './errors.ts';

/** Transfer options shared by the HTTP and registry sources. */
export interface TransferOptions {
  /** PEM CA certificates, already decoded from `caBundle`. */
  ca?: string;
  signal: AbortSignal;
  /** Called per received chunk (progress, checksums). */
  onData?: (chunk: Buffer) => void;
  /** Called once the total size is known (Content-Length). */
  onTotal?: (bytes: number) => void;
}

/** Connect and read (idle) timeouts; env-overridable for tests. */
export function timeouts(): { connectMs: number; idleMs: number } {
  return {
    connectMs: envSeconds('SANDBOX_HTTP_CONNECT_TIMEOUT_SECONDS', 20) * 1000,
    idleMs: envSeconds('SANDBOX_HTTP_IDLE_TIMEOUT_SECONDS', 30) * 1000,
  };
}

/** Decodes `caBundle` (base64 of PEM certificates). */
export function decodeCaBundle(caBundle: string | undefined): string | undefined {
  if (!caBundle) return undefined;
  const pem = Buffer.from(caBundle, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new ImportError(
      'caBundle is not a base64-encoded PEM certificate: encode the CA file with `base64 -w0 ca.crt`.',
    );
  return pem;
}

/**
 * Opens a GET (or HEAD) and resolves with the response once its headers arrived. Redirects are
 * followed (up to 10). Connecting and waiting for headers is bounded by the connect timeout plus
 * the idle timeout; a silent socket by the idle timeout.
 */
export function openUrl(
  url: string,
  opts: { ca?: string; signal: AbortSignal; headers?: Record<string, string>; method?: string },
  redirects = 0,
): Promise<IncomingMessage> {
  const u = new URL(url);
  const { connectMs, idleMs } = timeouts();
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      u,
      {
        method: opts.method ?? 'GET',
        headers: { 'User-Agent': 'dvp-sandbox-importer', ...opts.headers },
        ...(opts.ca ? { ca: opts.ca } : {}),
        timeout: idleMs,
        signal: opts.signal,
      },
      (res) => {
        clearTimeout(headerTimer);
        const code = res.statusCode ?? 0;
        const loc = res.headers.location;
        if (code >= 300 && code < 400 && loc) {
          res.resume();
          if (redirects >= 10) {
            reject(new ImportError(`too many redirects fetching ${url}`));
            return;
          }
          // Credentials are for the first host only.
          const next = new URL(loc, u).toString();
          const sameHost = new URL(next).host === u.host;
          const headers = sameHost ? opts.headers : undefined;
          openUrl(
            next,
            { ...opts, ...(headers ? { headers } : { headers: {} }) },
            redirects + 1,
          ).then(resolve, reject);
          return;
        }
        res.setTimeout(idleMs, () =>
          res.destroy(
            Object.assign(new Error(`no data for ${Math.round(idleMs / 1000)} s`), {
              code: 'ETIMEDOUT',
            }),
          ),
        );
        resolve(res);
      },
    );
    const headerTimer = setTimeout(
      () =>
        req.destroy(
          Object.assign(
            new Error(`no answer within ${Math.round((connectMs + idleMs) / 1000)} s`),
            { code: 'ETIMEDOUT' },
          ),
        ),
      connectMs + idleMs,
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`no connection or data within ${Math.round(idleMs / 1000)} s`), {
          code: 'ETIMEDOUT',
        }),
      ),
    );
    req.on('error', (e) => {
      clearTimeout(headerTimer);
      reject(e);
    });
    req.end();
  });
}

/** Streams `res` into `dest`, reporting chunks; honours the abort signal. */
export async function saveBody(
  res: IncomingMessage,
  dest: string,
  opts: Pick<TransferOptions, 'onData' | 'signal'>,
): Promise<number> {
  let bytes = 0;
  await pipeline(
    res,
    async function* (src: AsyncIterable<Buffer>) {
      for await (const chunk of src) {
        bytes += chunk.length;
        opts.onData?.(chunk);
        yield chunk;
      }
    },
    createWriteStream(dest),
    { signal: opts.signal },
  );
  return bytes;
}

const STATUS_HINTS: Record<number, string> = {
  401: 'the server wants credentials, which HTTP sources cannot carry: publish the file without authentication',
  403: 'the server refuses access: check that the file is public',
  404: 'no file at that address: check the URL for typos and that the file is still published',
  410: 'the file was removed from the server: find its current URL',
};

/**
 * Downloads `url` into `dest` (http or https; `ca` for private CAs). Failures become
 * {@link ImportError}s naming the URL, what happened and what to check.
 */
export async function downloadHttp(
  url: string,
  dest: string,
  opts: TransferOptions,
): Promise<number> {
  const host = new URL(url).host;
  let res: IncomingMessage;
  try {
    res = await openUrl(url, { ...(opts.ca ? { ca: opts.ca } : {}), signal: opts.signal });
  } catch (e) {
    if (opts.signal.aborted) throw e;
    if (e instanceof ImportError) throw e;
    throw new ImportError(`Failed to download ${url}: ${describeNetworkError(e, host)}.`);
  }
  const code = res.statusCode ?? 0;
  if (code !== 200) {
    res.resume();
    const hint =
      STATUS_HINTS[code] ??
      (code >= 500
        ? 'the server failed: try again later or check the server'
        : 'the server did not return the file');
    throw new ImportError(
      `Failed to download ${url}: the server answered HTTP ${code} ${res.statusMessage ?? ''}`.trimEnd() +
        `; ${hint}.`,
    );
  }
  const length = Number(res.headers['content-length']);
  if (Number.isFinite(length) && length > 0) opts.onTotal?.(length);
  let received = 0;
  const onData = (c: Buffer) => {
    received += c.length;
    opts.onData?.(c);
  };
  try {
    const bytes = await saveBody(res, dest, { onData, signal: opts.signal });
    if (Number.isFinite(length) && length > 0 && bytes < length)
      throw Object.assign(new Error(`the transfer ended after ${bytes} of ${length} bytes`), {
        code: 'ECONNRESET',
      });
    return bytes;
  } catch (e) {
    if (opts.signal.aborted) throw e;
    throw new ImportError(
      `Failed to download ${url}: ${describeNetworkError(e, host)} after ${received} bytes; recreate the image once the server serves the whole file.`,
    );
  }
}
