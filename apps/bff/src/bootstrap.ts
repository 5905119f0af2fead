import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxUserChoice } from '@dvp/api';
import { AccessReviewer } from './access/reviewer.ts';
import { SERVICE_IDENTITY } from './auth/identity.ts';
import { SessionCodec } from './auth/session.ts';
import { ResourceCache } from './cache/resource-cache.ts';
import type { AppContext, SandboxAccounts } from './context.ts';
import type { Env } from './env.ts';
import { createLogger, type Logger } from './http/logger.ts';
import type { Cluster } from './k8s/cluster.ts';
import { KubeRest } from './k8s/rest.ts';
import { createMetrics } from './metrics.ts';

/** The sandbox kubeconfig's context for the BFF's own account (read-only cache + impersonation). */
export const SANDBOX_CONSOLE_CONTEXT = 'dvp-sandbox-dvp-console';
export const SANDBOX_CONSOLE_USER = 'dvp-console';
export const SANDBOX_DEFAULT_USER = 'admin';

/** The session key: SESSION_SECRET, or a random key kept in DATA_DIR (sessions survive restarts). */
export function sessionKey(env: Env): Buffer {
  if (env.SESSION_SECRET) return createHash('sha256').update(env.SESSION_SECRET).digest();
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
  const path = join(env.DATA_DIR, 'session.key');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600 });
  return readFileSync(path).subarray(0, 32);
}

/** The sandbox's example users with their tokens, read from its kubeconfig. */
export function sandboxAccounts(cluster: Cluster, users: SandboxUserChoice[]): SandboxAccounts {
  const tokens = new Map(cluster.tokenUsers().map((u) => [u.name, u.token]));
  return {
    defaultUser: SANDBOX_DEFAULT_USER,
    users: users
      .filter((u) => u.username !== SANDBOX_CONSOLE_USER && tokens.get(u.username))
      .map((u) => ({ ...u, token: tokens.get(u.username) ?? '' })),
  };
}

/** Wires the BFF's services for one cluster connection. */
export function createContext(
  env: Env,
  cluster: Cluster,
  opts: {
    sandbox?: SandboxAccounts;
    logger?: Logger;
    defaultMetrics?: boolean;
    catalogueUrl?: string;
  } = {},
): AppContext {
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const holder: { cache?: ResourceCache } = {};
  const metrics = createMetrics({
    watchCount: () => holder.cache?.watchCount() ?? 0,
    ...(opts.defaultMetrics === false ? { defaults: false } : {}),
  });
  const rest = new KubeRest(cluster, (method, code, seconds) =>
    metrics.upstreamDuration.observe({ method, code: String(code) }, seconds),
  );
  const cache = new ResourceCache(rest, cluster.watcher());
  holder.cache = cache;
  cache.on('resync', (resource) => metrics.upstreamLists.inc({ resource }));
  return {
    env,
    cluster,
    rest,
    cache,
    reviewer: new AccessReviewer(rest, env.ACCESS_CACHE_SECONDS * 1000),
    sessions: new SessionCodec(sessionKey(env)),
    metrics,
    logger,
    serviceIdentity: SERVICE_IDENTITY,
    ...(opts.sandbox ? { sandbox: opts.sandbox } : {}),
    ...((env.CATALOGUE_URL ?? opts.catalogueUrl)
      ? { catalogueUrl: env.CATALOGUE_URL ?? opts.catalogueUrl }
      : {}),
  };
}
