import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.ts';

/** `pnpm sandbox -- --listen 127.0.0.1:6443 --data-dir DIR --kubeconfig-out FILE [--nodes N]` */
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
  },
  allowPositionals: false,
});

const env = process.env;
const dataDir = values['data-dir'] ?? env.SANDBOX_DATA_DIR ?? '.data/sandbox';
const listen = values.listen ?? env.SANDBOX_LISTEN ?? '127.0.0.1:6443';
const kubeconfigOut = values['kubeconfig-out'] ?? env.SANDBOX_KUBECONFIG_OUT;
const nodes = Number(values.nodes ?? env.SANDBOX_NODES ?? 2);

const sandbox = await startSandbox({
  dataDir,
  listen,
  nodes,
  ...(kubeconfigOut ? { kubeconfigOut } : {}),
});
console.log(`DVP sandbox API server listening on ${sandbox.url}`);
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
    void sandbox.close().then(() => process.exit(0));
  });
}
