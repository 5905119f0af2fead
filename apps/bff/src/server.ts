import { join } from 'node:path';
import { createContext, sandboxAccounts, SANDBOX_CONSOLE_CONTEXT } from './bootstrap.ts';
import { startEmbeddedSandbox, type EmbeddedSandbox } from './embedded.ts';
import { EnvError, loadEnv } from './env.ts';
import { Cluster } from './k8s/cluster.ts';
import { listenBff } from './listen.ts';

/**
 * `pnpm start`: the console and its API on http://HOST:PORT (default 127.0.0.1:8080). In the
 * default embedded mode it first starts the sandbox (data in DATA_DIR/sandbox).
 */
let env;
try {
  env = loadEnv();
} catch (e) {
  if (e instanceof EnvError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}

let embedded: EmbeddedSandbox | undefined;
let cluster: Cluster;
if (env.CLUSTER_MODE === 'embedded') {
  console.log('starting the embedded DVP sandbox…');
  embedded = await startEmbeddedSandbox({
    dataDir: join(env.DATA_DIR, 'sandbox'),
    listen: env.SANDBOX_LISTEN,
    gatewayListen: env.SANDBOX_GATEWAY_LISTEN,
    nodes: env.SANDBOX_NODES,
    apiOnly: env.SANDBOX_API_ONLY,
  });
  cluster = Cluster.fromKubeconfig(embedded.kubeconfig, SANDBOX_CONSOLE_CONTEXT);
} else if (env.CLUSTER_MODE === 'kubeconfig') {
  cluster = Cluster.fromKubeconfig(env.KUBECONFIG ?? '', env.KUBE_CONTEXT);
} else {
  cluster = Cluster.inCluster();
}

const ctx = createContext(
  env,
  cluster,
  embedded
    ? {
        sandbox: sandboxAccounts(cluster, embedded.users),
        catalogueUrl: `${embedded.gatewayUrl}/catalogue/`,
      }
    : {},
);
const bff = await listenBff(ctx, env.HOST, env.PORT);
console.log(`DVP console: ${bff.origin}${env.BASE_PATH}/`);
if (embedded) {
  console.log(`embedded sandbox API: ${embedded.url}   (KUBECONFIG=${embedded.kubeconfig})`);
}

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    closing = true;
    void bff
      .stop()
      .then(() => cluster.close())
      .then(() => embedded?.stop())
      .then(() => process.exit(0));
  });
}
