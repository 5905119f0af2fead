import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { createContext, sandboxAccounts, SANDBOX_CONSOLE_CONTEXT } from './bootstrap.ts';
import { startEmbeddedSandbox, type EmbeddedSandbox } from './embedded.ts';
import { EnvError, loadEnv } from './env.ts';
import { Cluster } from './k8s/cluster.ts';

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
  embedded ? { sandbox: sandboxAccounts(cluster, embedded.users) } : {},
);
const app = createApp(ctx);
const server = createServer(app.handler);
server.on('upgrade', (req, socket, head: Buffer) => app.upgrade(req, socket, head));
server.on('clientError', (err: Error, socket) => app.clientError(err, socket));
server.keepAliveTimeout = 65_000;
// Image uploads stream one request body for as long as the file takes: no whole-request limit.
// Slow-header clients are still cut by `headersTimeout` (60 s).
server.requestTimeout = 0;
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(env.PORT, env.HOST, () => resolve());
});
const { port } = server.address() as AddressInfo;
const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
console.log(`DVP console: http://${host}:${port}${env.BASE_PATH}/`);
if (embedded) {
  console.log(`embedded sandbox API: ${embedded.url}   (KUBECONFIG=${embedded.kubeconfig})`);
}

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    closing = true;
    app.close();
    ctx.cache.stop();
    server.closeAllConnections();
    server.close();
    cluster.close();
    void (embedded?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  });
}
