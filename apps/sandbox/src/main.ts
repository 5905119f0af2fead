import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.ts';

/**
 * `pnpm sandbox -- --listen 127.0.0.1:6443 --data-dir DIR --kubeconfig-out FILE [--nodes N]
 *  [--gateway-listen 127.0.0.1:6480] [--catalogue-dir DIR] [--keep-guests]`
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

const sandbox = await startSandbox({
  dataDir,
  listen,
  nodes,
  gatewayListen,
  ...(catalogueDir ? { catalogueDir } : {}),
  ...(kubeconfigOut ? { kubeconfigOut } : {}),
});
console.log(`DVP sandbox API server listening on ${sandbox.url}`);
console.log(`data plane (image catalogue, uploads) on ${sandbox.gatewayUrl}`);
console.log(
  `kubeconfig: ${sandbox.kubeconfigPath}   (export KUBECONFIG=${sandbox.kubeconfigPath})`,
);
console.log(
  `users: ${Object.keys(sandbox.tokens).join(', ')} (contexts dvp-sandbox, dvp-sandbox-<user>)`,
);

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) process.exit(1);
    closing = true;
    void sandbox.close({ keepGuests }).then(() => process.exit(0));
  });
}
