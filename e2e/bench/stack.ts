import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { E2E_ROOT, REPO_ROOT } from '../fixtures/stack.ts';

/**
 * An API-only stack for benchmarks: the built console served by the BFF with its embedded
 * sandbox in `SANDBOX_API_ONLY` mode (objects, no guests), so 10,000 VMs cost no QEMU.
 */
export interface BenchStack {
  baseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export async function startBenchStack(port: number): Promise<BenchStack> {
  const dataDir = resolve(E2E_ROOT, '.data', `bench-${port}`);
  rmSync(dataDir, { recursive: true, force: true });
  // Its own output dir: other runs rebuilding apps/console/dist must not change it under us.
  const staticDir = resolve(dataDir, 'console');
  await run(
    'pnpm',
    ['--filter', '@dvp/console', 'exec', 'vite', 'build', '--outDir', staticDir, '--emptyOutDir'],
    REPO_ROOT,
  );
  const child = spawn('node', ['--import', 'tsx', 'src/server.ts'], {
    cwd: resolve(REPO_ROOT, 'apps/bff'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SANDBOX_LISTEN: `127.0.0.1:${port + 1}`,
      SANDBOX_GATEWAY_LISTEN: `127.0.0.1:${port + 2}`,
      SANDBOX_API_ONLY: 'true',
      STATIC_DIR: staticDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitReady(`${baseUrl}/readyz`, child);
  return {
    baseUrl,
    dataDir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    p.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited ${code}`))));
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not ready in 240 s`);
}

/** The sandbox API as its admin (the kubeconfig's current user): requests with the cluster CA. */
export function sandboxAdmin(dataDir: string) {
  const text = readFileSync(resolve(dataDir, 'sandbox', 'kubeconfig'), 'utf8');
  const server = /server:\s*(\S+)/.exec(text)?.[1];
  const ca = /certificate-authority-data:\s*(\S+)/.exec(text)?.[1];
  const token = /token:\s*(\S+)/.exec(text)?.[1];
  if (!server || !ca || !token) throw new Error('unreadable sandbox kubeconfig');
  const caPem = Buffer.from(ca, 'base64').toString('utf8');
  /** Any method; resolves with the response's status code. */
  const send = (method: string, path: string, body: unknown, contentType = 'application/json') =>
    new Promise<number>((ok, fail) => {
      const data = JSON.stringify(body);
      const req = request(
        `${server}${path}`,
        {
          method,
          ca: caPem,
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': contentType,
            'Content-Length': Buffer.byteLength(data),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode ?? 0));
        },
      );
      req.on('error', fail);
      req.end(data);
    });
  return { send, post: (path: string, body: unknown) => send('POST', path, body) };
}
