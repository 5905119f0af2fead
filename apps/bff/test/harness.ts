import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import type { App } from '../src/app.ts';
import { tokenIdentity } from '../src/auth/identity.ts';
import type { AppContext } from '../src/context.ts';
import type { EmbeddedSandbox } from '../src/embedded.ts';
import type { Env } from '../src/env.ts';
import type { KubeRequest } from '../src/k8s/rest.ts';
import { startLocalStack } from './stack.ts';

/** The sandbox's example users (see apps/sandbox/src/auth/users.ts). */
export type SandboxUserName = 'admin' | 'alice' | 'dave' | 'bob' | 'carol' | 'mallory';

export interface StackOptions {
  /** Run DVP's controllers (real guests). Default false: API server only. */
  controllers?: boolean;
  nodes?: number;
  /** Extra BFF environment (strings, as in process.env). */
  env?: Record<string, string>;
  /** Embedded mode (auto sign-in, user switch). Default true. */
  embedded?: boolean;
}

/** A sandbox (child process, HTTPS) + a BFF on a free port, wired as `pnpm start` wires them. */
export interface Stack {
  /** `http://127.0.0.1:<port>` of the BFF (plus BASE_PATH if set). */
  url: string;
  origin: string;
  env: Env;
  ctx: AppContext;
  app: App;
  sandbox: EmbeddedSandbox;
  /** Bearer tokens of the sandbox users. */
  tokens: Record<SandboxUserName, string>;
  /** Kubernetes request straight to the sandbox as `user` (for seeding and checking). */
  kube<T = unknown>(user: SandboxUserName, req: KubeRequest): Promise<T>;
  /** Stops and starts the sandbox on the same address and data (the BFF keeps running). */
  restartSandbox(): Promise<void>;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const root = mkdtempSync(join(inject('bffTestRoot'), 'stack-'));
  const local = await startLocalStack({ ...opts, root });
  const { ctx, app, origin } = local.bff;
  const tokens = Object.fromEntries(
    local.accounts.users.map((u) => [u.username, u.token]),
  ) as Record<SandboxUserName, string>;
  return {
    url: `${origin}${local.env.BASE_PATH}`,
    origin,
    env: local.env,
    ctx,
    app,
    get sandbox() {
      return local.sandbox;
    },
    tokens,
    kube: (user, req) => ctx.rest.request(tokenIdentity(tokens[user]), req),
    restartSandbox: () => local.restartSandbox(),
    async stop() {
      await local.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** One stack for the test file (started before, stopped after); read it inside tests. */
export function useStack(opts: StackOptions = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(opts);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the stack is not running (use it inside a test)');
    return stack;
  };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A BFF call as a sandbox user with a bearer token (no cookie, so no CSRF needed). */
export async function call<T = unknown>(
  stack: Stack,
  user: SandboxUserName | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(user ? { Authorization: `Bearer ${stack.tokens[user]}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
