import { request } from 'node:http';
import { createContext } from '../src/bootstrap.ts';
import type { AppContext } from '../src/context.ts';
import { loadEnv } from '../src/env.ts';
import type { Logger } from '../src/http/logger.ts';
import { listenBff } from '../src/listen.ts';
import type { Stack } from './harness.ts';

export interface ExtraBff {
  /** `http://127.0.0.1:<port>` (without BASE_PATH). */
  origin: string;
  port: number;
  ctx: AppContext;
  stop(): Promise<void>;
}

/**
 * A second BFF with its own configuration on the stack's cluster connection (no second sandbox):
 * for tests of settings that are fixed at start (base path, auth mode, static dir, logger).
 */
export async function startExtraBff(
  stack: Stack,
  env: Record<string, string>,
  opts: { logger?: Logger; embedded?: boolean } = {},
): Promise<ExtraBff> {
  const ctx = createContext(
    loadEnv({ DATA_DIR: stack.env.DATA_DIR, LOG_LEVEL: 'silent', PORT: '0', ...env }),
    stack.ctx.cluster,
    {
      ...(opts.embedded !== false && stack.ctx.sandbox ? { sandbox: stack.ctx.sandbox } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      defaultMetrics: false,
    },
  );
  const bff = await listenBff(ctx, '127.0.0.1', 0);
  return { origin: bff.origin, port: bff.port, ctx, stop: () => bff.stop() };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * An HTTP request with the path sent verbatim (fetch would normalise `..` and encodings) and an
 * optional local address (e.g. 127.0.0.2, to look like another client than 127.0.0.1).
 */
export function rawRequest(
  port: number,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
    localAddress?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
