import { startEmbeddedSandbox } from '../src/embedded.ts';

/**
 * A stand-in BFF for `embedded-lifecycle.test.ts`: starts an embedded sandbox (API only) under
 * the directory given as its argument, prints `SANDBOX_PID <pid>` and waits to be killed.
 */
const root = process.argv[2];
if (!root) throw new Error('usage: embedded-parent.ts ROOT');
const sandbox = await startEmbeddedSandbox({
  dataDir: `${root}/sandbox`,
  listen: '127.0.0.1:0',
  gatewayListen: '127.0.0.1:0',
  nodes: 1,
  apiOnly: true,
  runtimeRoot: `${root}/run`,
  log: () => {},
});
console.log(`SANDBOX_PID ${sandbox.pid}`);
setInterval(() => undefined, 60_000);
