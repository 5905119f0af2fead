import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The BFF's whole configuration, validated once at start. This is the only module that reads
 * `process.env` (style.md §12); everything else receives an `Env`.
 */

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean),
);
const seconds = z.coerce.number().int().positive();

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where the portal mounts us, e.g. `/virtualization` (no trailing slash); '' = root. */
  BASE_PATH: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must be empty or a path like /console (no trailing slash)')
    .default(''),
  DATA_DIR: z.string().default('.data'),
  /** `embedded` starts the sandbox; `kubeconfig` uses KUBECONFIG; `in-cluster` the pod's account. */
  CLUSTER_MODE: z.enum(['embedded', 'kubeconfig', 'in-cluster']).default('embedded'),
  KUBECONFIG: z.string().optional(),
  /** The kubeconfig context the BFF itself uses (its watch cache and impersonation). */
  KUBE_CONTEXT: z.string().optional(),
  /** How users are identified outside embedded mode: bearer tokens or a trusted auth proxy. */
  AUTH_MODE: z.enum(['token', 'proxy']).default('token'),
  /** Addresses (IPs or CIDRs) whose `X-Remote-User`/`X-Remote-Group` headers are trusted. */
  AUTH_PROXY_TRUSTED: list.default([]),
  /** Encrypts session cookies; ≥ 32 characters. Default: a key kept in DATA_DIR. */
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_MAX_AGE_SECONDS: seconds.default(12 * 3600),
  /** `auto`: Secure cookies on HTTPS and on loopback hosts (browsers accept those on http). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** CSP `frame-ancestors` sources allowed to embed the console (`'self'` always included). */
  FRAME_ANCESTORS: list.default([]),
  /** Origins (besides our own) allowed to open websockets and send state-changing requests. */
  ALLOWED_ORIGINS: list.default([]),
  /** Trust `X-Forwarded-*` from these proxies (Express `trust proxy`), e.g. `loopback`. */
  TRUST_PROXY: z.string().optional(),
  /** The built console (index.html + hashed assets). */
  STATIC_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ACCESS_CACHE_SECONDS: seconds.default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  CONSOLE_IDLE_SECONDS: seconds.default(30 * 60),
  CONSOLE_MAX_SECONDS: seconds.default(8 * 3600),
  UPLOAD_RESUME_SECONDS: seconds.default(5 * 60),
  LOGIN_RATE_PER_MINUTE: seconds.default(20),
  UPLOAD_RATE_PER_MINUTE: seconds.default(120),
  STREAM_HEARTBEAT_SECONDS: seconds.default(15),
  /** Embedded sandbox: its API address, data plane address and simulated nodes. */
  SANDBOX_LISTEN: z.string().default('127.0.0.1:6443'),
  SANDBOX_GATEWAY_LISTEN: z.string().default('127.0.0.1:6480'),
  SANDBOX_NODES: z.coerce.number().int().min(1).max(16).default(2),
  SANDBOX_API_ONLY: bool.default(false),
});

export type Env = z.infer<typeof EnvSchema>;

/** Thrown for a bad configuration; the message lists every bad variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses and validates the configuration (defaults applied). */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape).flatMap((k) =>
      source[k] !== undefined && source[k] !== '' ? [[k, source[k]]] : [],
    ),
  );
  const r = EnvSchema.safeParse(known);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = r.data;
  if (env.CLUSTER_MODE === 'kubeconfig' && !env.KUBECONFIG) {
    throw new EnvError(
      'invalid configuration:\n  KUBECONFIG: required when CLUSTER_MODE=kubeconfig',
    );
  }
  if (env.AUTH_MODE === 'proxy' && env.AUTH_PROXY_TRUSTED.length === 0) {
    throw new EnvError(
      'invalid configuration:\n  AUTH_PROXY_TRUSTED: AUTH_MODE=proxy needs the trusted proxy addresses',
    );
  }
  return { ...env, DATA_DIR: resolve(env.DATA_DIR) };
}
