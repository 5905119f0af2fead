import { join } from 'node:path';
import { createContext, sandboxAccounts, SANDBOX_CONSOLE_CONTEXT } from '../src/bootstrap.ts';
import type { SandboxAccounts } from '../src/context.ts';
import { startEmbeddedSandbox, type EmbeddedSandbox } from '../src/embedded.ts';
import { loadEnv, type Env } from '../src/env.ts';
import { Cluster } from '../src/k8s/cluster.ts';
import { listenBff, type RunningBff } from '../src/listen.ts';

/**
 * A sandbox (child process, HTTPS) and a BFF on free loopback ports, wired as `pnpm start` wires
 * them, under `root`. Used by the test harness and the benchmarks (no test framework here).
 */
export interface LocalStackOptions {
  root: string;
  /** Run DVP's controllers (real guests). Default false: API server only. */
  controllers?: boolean;
  nodes?: number;
  /** Extra BFF environment (strings, as in process.env). */
  env?: Record<string, string>;
  /** Embedded mode (auto sign-in, user switch). Default true. */
  embedded?: boolean;
}

export interface LocalStack {
  bff: RunningBff;
  env: Env;
  cluster: Cluster;
  accounts: SandboxAccounts;
  /** The sandbox now running (it changes after `restartSandbox`). */
  readonly sandbox: EmbeddedSandbox;
  /** A sandbox user's bearer token. */
  token(user: string): string;
  /** Stops and starts the sandbox on the same address and data (the BFF keeps running). */
  restartSandbox(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const sandboxOpts = {
    dataDir: join(opts.root, 'sandbox'),
    listen: '127.0.0.1:0',
    gatewayListen: '127.0.0.1:0',
    nodes: opts.nodes ?? 1,
    apiOnly: !opts.controllers,
    runtimeRoot: join(opts.root, 'run'),
    log: () => {},
  };
  let sandbox = await startEmbeddedSandbox(sandboxOpts);
  const env = loadEnv({
    DATA_DIR: join(opts.root, 'bff'),
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...opts.env,
  });
  const cluster = Cluster.fromKubeconfig(sandbox.kubeconfig, SANDBOX_CONSOLE_CONTEXT);
  const accounts = sandboxAccounts(cluster, sandbox.users);
  const ctx = createContext(env, cluster, {
    ...(opts.embedded === false ? {} : { sandbox: accounts }),
    catalogueUrl: `${sandbox.gatewayUrl}/catalogue/`,
    defaultMetrics: false,
  });
  const bff = await listenBff(ctx, '127.0.0.1', 0);
  return {
    bff,
    env,
    cluster,
    accounts,
    get sandbox() {
      return sandbox;
    },
    token: (user) => accounts.users.find((u) => u.username === user)?.token ?? '',
    async restartSandbox() {
      const port = new URL(sandbox.url).port;
      await sandbox.stop();
      sandbox = await startEmbeddedSandbox({ ...sandboxOpts, listen: `127.0.0.1:${port}` });
    },
    async stop() {
      await bff.stop();
      cluster.close();
      await sandbox.stop();
    },
  };
}
