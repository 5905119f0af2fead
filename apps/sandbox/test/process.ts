import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Sandbox } from '../src/sandbox.ts';

const appDir = resolve(import.meta.dirname, '..');

/** A sandbox running as its own process (for kill -9 and restart tests). */
export interface SandboxProcess {
  child: ChildProcess;
  /** Enough of a Sandbox for the `api()` helper. */
  sandbox: Pick<Sandbox, 'url' | 'caCert' | 'tokens' | 'dataDir' | 'kubeconfigPath'>;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` on `listen` with `dataDir` and resolves once it is listening. */
export function spawnSandbox(
  dataDir: string,
  listen = '127.0.0.1:0',
  extraArgs: string[] = [],
): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main.ts',
      '--listen',
      listen,
      '--data-dir',
      dataDir,
      '--gateway-listen',
      '127.0.0.1:0',
      ...extraArgs,
    ],
    {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (https:\/\/\S+)/.exec(out);
      const k = /kubeconfig: (\S+)/.exec(out);
      if (m?.[1] && k?.[1]) {
        const tokens: Record<string, string> = {};
        for (const line of readFileSync(join(dataDir, 'tokens.csv'), 'utf8').split('\n')) {
          const [token, user] = line.split(',');
          if (token && user) tokens[user] = token;
        }
        ok({
          child,
          exited,
          sandbox: {
            url: m[1],
            caCert: readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8'),
            tokens,
            dataDir,
            kubeconfigPath: k[1],
          },
        });
      }
    });
    void exited.then((code) =>
      fail(new Error(`sandbox exited (${code}) before listening: ${err}`)),
    );
  });
}
