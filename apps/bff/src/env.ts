import { isIP } from 'node:net';
import { delimiter, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The BFF's whole configuration, validated once at start. This is the only module that reads
 * `process.env` (style.md §12); everything else receives an `Env`.
 */

/** `apps/bff/.data`, wherever the BFF is started from. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.data');

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean),
);
const seconds = z.coerce.number().int().positive();

/** Each entry of a list must pass `ok`; the message names the first bad entry. */
function listOf(ok: (entry: string) => boolean, what: string) {
  return list.superRefine((entries, c) => {
    const bad = entries.find((e) => !ok(e));
    if (bad !== undefined) c.addIssue({ code: 'custom', message: `"${bad}" is not ${what}` });
  });
}

/** An IP address or a CIDR block (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrCidr(entry: string): boolean {
  const [addr = '', bits, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** A CSP source expression (`https://portal.example.com`, `*.example.com`, `'self'`). */
const CSP_SOURCE =
  /^(?:'self'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::(?:\d{1,5}|\*))?(?:\/[A-Za-z0-9._~%!$&*+=:@/-]*)?)$/;

/** An origin as browsers send it: `scheme://host[:port]`, nothing after. */
function isOrigin(entry: string): boolean {
  try {
    return new URL(entry).origin === entry;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where the portal mounts us, e.g. `/virtualization` (no trailing slash); '' = root. */
  BASE_PATH: z
    .string()
    // `/` is the root, as is ''; one trailing slash is forgiven.
    .transform((v) => (v.length > 1 && v.endsWith('/') ? v.slice(0, -1) : v === '/' ? '' : v))
    .pipe(
      z
        .string()
        .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'must be empty or a path like /console')
        .refine((v) => !/\/\.\.?(\/|$)/.test(v), 'must not contain "." or ".." segments'),
    )
    .default(''),
  /** Default: `apps/bff/.data`. The embedded sandbox keeps its state in DATA_DIR/sandbox. */
  DATA_DIR: z.string().default('.data'),
  /** `embedded` starts the sandbox; `kubeconfig` uses KUBECONFIG; `in-cluster` the pod's account. */
  CLUSTER_MODE: z.enum(['embedded', 'kubeconfig', 'in-cluster']).default('embedded'),
  KUBECONFIG: z.string().optional(),
  /** The kubeconfig context the BFF itself uses (its watch cache and impersonation). */
  KUBE_CONTEXT: z.string().optional(),
  /** How users are identified outside embedded mode: bearer tokens or a trusted auth proxy. */
  AUTH_MODE: z.enum(['token', 'proxy']).default('token'),
  /** Addresses (IPs or CIDRs) whose `X-Remote-User`/`X-Remote-Group` headers are trusted. */
  AUTH_PROXY_TRUSTED: listOf(isAddressOrCidr, 'an IP address or CIDR block').default([]),
  /** Encrypts session cookies; ≥ 32 characters. Default: a key kept in DATA_DIR. */
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_MAX_AGE_SECONDS: seconds.default(12 * 3600),
  /** `auto`: Secure cookies on HTTPS and on loopback hosts (browsers accept those on http). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** CSP `frame-ancestors` sources allowed to embed the console (`'self'` always included). */
  FRAME_ANCESTORS: listOf(
    (e) => CSP_SOURCE.test(e),
    'a CSP source (e.g. https://portal.example.com)',
  ).default([]),
  /** Origins (besides our own) allowed to open websockets and send state-changing requests. */
  ALLOWED_ORIGINS: listOf(isOrigin, 'an origin like https://portal.example.com').default([]),
  /** Trust `X-Forwarded-*` from these proxies (Express `trust proxy`), e.g. `loopback`. */
  TRUST_PROXY: z.string().optional(),
  /**
   * A demo image catalogue (JSON `{items: [{name, title, url, format, size, description}]}`)
   * whose links the console suggests when creating images. Embedded mode: the sandbox's.
   */
  CATALOGUE_URL: z.url().optional(),
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

/** Every variable the BFF reads (the README's BFF section documents each). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

/** Thrown for a bad configuration; the message lists every bad variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Variables whose values never appear in error messages. */
const SECRET = new Set(['SESSION_SECRET']);

/** Parses and validates the configuration (defaults applied); every problem is reported at once. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const known: Record<string, string> = {};
  for (const k of Object.keys(EnvSchema.shape)) {
    const v = source[k];
    if (v !== undefined && v !== '') known[k] = v;
  }
  const problems: string[] = [];
  const r = EnvSchema.safeParse(known);
  if (!r.success) {
    for (const i of r.error.issues) {
      const key = String(i.path[0] ?? '');
      const value = known[key];
      const shown =
        value === undefined || SECRET.has(key)
          ? ''
          : ` (got ${JSON.stringify(value.slice(0, 80))})`;
      problems.push(`  ${key}: ${i.message}${shown}`);
    }
  }
  // Cross-variable rules read the raw values, so they are reported alongside the schema's.
  if (known.CLUSTER_MODE === 'kubeconfig' && !known.KUBECONFIG) {
    problems.push('  KUBECONFIG: required when CLUSTER_MODE=kubeconfig');
  }
  if (known.AUTH_MODE === 'proxy' && !known.AUTH_PROXY_TRUSTED?.trim()) {
    problems.push('  AUTH_PROXY_TRUSTED: AUTH_MODE=proxy needs the trusted proxy addresses');
  }
  if (!r.success || problems.length > 0) {
    throw new EnvError(`invalid configuration:\n${problems.join('\n')}`);
  }
  const env = r.data;
  // Relative paths are taken from where the command was typed (`pnpm start` runs us in
  // apps/bff, and sets INIT_CWD to the caller's directory); the default data dir is ours.
  const cwd = source.INIT_CWD || process.cwd();
  return {
    ...env,
    DATA_DIR: known.DATA_DIR ? resolve(cwd, env.DATA_DIR) : DEFAULT_DATA_DIR,
    ...(env.STATIC_DIR ? { STATIC_DIR: resolve(cwd, env.STATIC_DIR) } : {}),
    ...(env.KUBECONFIG
      ? {
          KUBECONFIG: env.KUBECONFIG.split(delimiter)
            .map((p) => resolve(cwd, p))
            .join(delimiter),
        }
      : {}),
  };
}
