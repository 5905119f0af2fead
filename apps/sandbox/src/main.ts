import { parseArgs } from 'node:util';
import { sandboxUsers } from './auth/users.ts';
import { startSandbox } from './sandbox.ts';

/**
 * `pnpm sandbox -- --listen 127.0.0.1:6443 --data-dir DIR --kubeconfig-out FILE [--nodes N]
 *  [--gateway-listen 127.0.0.1:6480] [--catalogue-dir DIR] [--runtime-root DIR] [--keep-guests]
 *  [--api-only] [--exit-with-parent]`
 *
 * When it is ready it prints one line `SANDBOX_READY {"url":…,"kubeconfig":…,"gatewayUrl":…,"users":[…]}`
 * for whoever started it (the BFF's embedded mode) to read.
 */
// `pnpm sandbox -- --flag` passes the `--` through; it is not an argument of ours.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const { values } = parseArgs({
  args: argv,
  options: {
    listen: { type: 'string' },
    'data-dir': { type: 'string' },
    'kubeconfig-out': { type: 'string' },
    nodes: { type: 'string' },
    'gateway-listen': { type: 'string' },
    'catalogue-dir': { type: 'string' },
    'keep-guests': { type: 'boolean' },
    'runtime-root': { type: 'string' },
    'api-only': { type: 'boolean' },
    'exit-with-parent': { type: 'boolean' },
  },
  allowPositionals: false,
});

const env = process.env;
const dataDir = values['data-dir'] ?? env.SANDBOX_DATA_DIR ?? '.data/sandbox';
const listen = values.listen ?? env.SANDBOX_LISTEN ?? '127.0.0.1:6443';
const kubeconfigOut = values['kubeconfig-out'] ?? env.SANDBOX_KUBECONFIG_OUT;
const nodes = Number(values.nodes ?? env.SANDBOX_NODES ?? 2);
const gatewayListen = values['gateway-listen'] ?? env.SANDBOX_GATEWAY_LISTEN ?? '127.0.0.1:6480';
const catalogueDir = values['catalogue-dir'] ?? env.SANDBOX_CATALOGUE_DIR;
// Guests keep running across a restart of the sandbox (to be re-adopted) only when asked.
const keepGuests = values['keep-guests'] ?? env.SANDBOX_KEEP_GUESTS === '1';
const runtimeRoot = values['runtime-root'] ?? env.SANDBOX_RUNTIME_ROOT;
// The API server alone, without DVP's controllers (no guests): for API and BFF tests.
const apiOnly = values['api-only'] ?? env.SANDBOX_API_ONLY === '1';

const sandbox = await startSandbox({
  dataDir,
  listen,
  nodes,
  gatewayListen,
  ...(catalogueDir ? { catalogueDir } : {}),
  ...(kubeconfigOut ? { kubeconfigOut } : {}),
  ...(runtimeRoot ? { runtimeRoot } : {}),
  ...(apiOnly ? { controllers: false } : {}),
});
console.log(`DVP sandbox API server listening on ${sandbox.url}`);
console.log(`data plane (image catalogue, uploads) on ${sandbox.gatewayUrl}`);
console.log(
  `kubeconfig: ${sandbox.kubeconfigPath}   (export KUBECONFIG=${sandbox.kubeconfigPath})`,
);
console.log(
  `users: ${Object.keys(sandbox.tokens).join(', ')} (contexts dvp-sandbox, dvp-sandbox-<user>)`,
);

const ready = {
  url: sandbox.url,
  kubeconfig: sandbox.kubeconfigPath,
  gatewayUrl: sandbox.gatewayUrl,
  users: sandboxUsers.map((u) => ({ username: u.username, description: u.description })),
};
console.log(`SANDBOX_READY ${JSON.stringify(ready)}`);

let closing = false;
const shutdown = () => {
  closing = true;
  void sandbox.close({ keepGuests }).then(() => process.exit(0));
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    shutdown();
  });
}
// Started by another process (the BFF's embedded mode) with stdin a pipe from it: once that
// process is gone, even killed outright, stdin ends and the sandbox shuts down as on SIGTERM,
// stopping its guests, instead of living on (and leaving guests running) without it.
if (values['exit-with-parent']) {
  const onParentGone = () => {
    if (!closing) shutdown();
  };
  process.stdin.on('end', onParentGone);
  process.stdin.on('error', onParentGone);
  process.stdin.resume();
}
