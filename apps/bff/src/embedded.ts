import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { SandboxUserChoice } from '@dvp/api';

/**
 * Embedded mode: the sandbox runs as a child process (never imported: the BFF reaches every
 * cluster through a kubeconfig), and the BFF waits for its `SANDBOX_READY` line.
 *
 * The child has its own process group, so a signal meant for the BFF's group (Ctrl+C, a test
 * runner's teardown) reaches only the BFF, which then stops the sandbox once; and its stdin is a
 * pipe from the BFF (`--exit-with-parent`), so if the BFF dies without stopping it, the sandbox
 * still shuts down and stops its guests.
 */
export interface EmbeddedSandboxOptions {
  dataDir: string;
  listen: string;
  gatewayListen: string;
  nodes: number;
  apiOnly?: boolean;
  runtimeRoot?: string;
  /** Where the sandbox's own log lines go (default: this process's stderr). */
  log?: (line: string) => void;
  /** Default 120 s (a first start builds its data directory). */
  startTimeoutMs?: number;
}

export interface EmbeddedSandbox {
  url: string;
  kubeconfig: string;
  gatewayUrl: string;
  users: SandboxUserChoice[];
  pid: number;
  stop(): Promise<void>;
}

interface ReadyLine {
  url: string;
  kubeconfig: string;
  gatewayUrl: string;
  users: SandboxUserChoice[];
}

export function sandboxEntry(): string {
  return fileURLToPath(import.meta.resolve('@dvp/sandbox/main'));
}

export async function startEmbeddedSandbox(opts: EmbeddedSandboxOptions): Promise<EmbeddedSandbox> {
  const entry = sandboxEntry();
  const args = [
    '--import',
    'tsx',
    entry,
    '--listen',
    opts.listen,
    '--gateway-listen',
    opts.gatewayListen,
    '--data-dir',
    opts.dataDir,
    '--nodes',
    String(opts.nodes),
    ...(opts.apiOnly ? ['--api-only'] : []),
    ...(opts.runtimeRoot ? ['--runtime-root', opts.runtimeRoot] : []),
    '--exit-with-parent',
  ];
  const log = opts.log ?? ((l: string) => process.stderr.write(`[sandbox] ${l}\n`));
  // cwd = the sandbox package, so `--import tsx` resolves from its dependencies.
  const child = spawn(process.execPath, args, {
    cwd: dirname(dirname(entry)),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the embedded sandbox did not start in time'));
    }, opts.startTimeoutMs ?? 120_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('SANDBOX_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('SANDBOX_READY '.length)) as ReadyLine);
      } else {
        log(line);
      }
    });
    createInterface({ input: child.stderr }).on('line', log);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the embedded sandbox exited before it was ready (${signal ?? code})`));
    });
  });
  return { ...ready, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
