import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { request as httpsRequest, type Agent } from 'node:https';
import { afterAll, beforeAll, inject } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox.ts';
import { testClient } from './wait.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

/** Starts a sandbox on a free port with a fresh data directory; `stop()` removes it all. */
export async function startTestSandbox(
  opts: { nodes?: number; dataDir?: string; controllers?: boolean } = {},
): Promise<Sandbox & { stop(): Promise<void> }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dvp-sandbox-'));
  const sandbox = await startSandbox({
    dataDir,
    listen: '127.0.0.1:0',
    gatewayListen: '127.0.0.1:0',
    nodes: opts.nodes ?? 2,
    // Guests live under the run's root, so the global teardown can kill any a failed test left.
    runtimeRoot: join(inject('sandboxTestRoot'), basename(dataDir)),
    ...(opts.controllers === false ? { controllers: false } : {}),
  });
  await sandbox.idle();
  return {
    ...sandbox,
    stop: async () => {
      await sandbox.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/**
 * One sandbox for the test file: started before its tests, stopped after. Read it through the
 * returned getter inside tests.
 */
export function useTestSandbox(opts: { controllers?: boolean } = {}): () => TestSandbox {
  let sb: TestSandbox | undefined;
  beforeAll(async () => {
    sb = await startTestSandbox(opts);
  });
  afterAll(async () => {
    await sb?.stop();
  });
  return () => {
    if (!sb) throw new Error('the sandbox is not running (use it inside a test)');
    return sb;
  };
}

/** The kubectl binaries the compatibility tests run: Debian's 1.20 and a current one. */
export const kubectls = {
  'kubectl 1.20': join(repoRoot, '.cache/tools/kubectl-1.20/usr/bin/kubectl'),
  'kubectl 1.32': existsSync('/usr/lib/google-cloud-sdk/bin/kubectl.1.32')
    ? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32'
    : 'kubectl',
};

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl against the sandbox with its own kubeconfig and an isolated discovery cache. */
export function kubectl(
  bin: string,
  sandbox: Sandbox,
  args: string[],
  opts: { input?: string; context?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<KubectlResult> {
  const cacheDir = join(sandbox.dataDir, `kubectl-cache-${bin.replace(/\W+/g, '_')}`);
  const full = [
    '--kubeconfig',
    sandbox.kubeconfigPath,
    '--cache-dir',
    cacheDir,
    ...(opts.context ? ['--context', opts.context] : []),
    ...args,
  ];
  return new Promise((done) => {
    const child = execFile(
      bin,
      full,
      {
        timeout: opts.timeoutMs ?? 30_000,
        env: { ...process.env, HOME: sandbox.dataDir, ...opts.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (err: ExecFileException | null, stdout, stderr) => {
        done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Writes a manifest into the sandbox's data dir and returns its path (kubectl -f). */
export function manifestFile(sandbox: Sandbox, name: string, text: string): string {
  const p = join(sandbox.dataDir, name);
  writeFileSync(p, text);
  return p;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** One HTTPS request to the sandbox, trusting its CA; `token` defaults to the admin's. */
export function api(
  sandbox: Pick<Sandbox, 'url' | 'caCert' | 'tokens'>,
  method: string,
  path: string,
  opts: {
    token?: string | null;
    body?: unknown;
    contentType?: string;
    headers?: Record<string, string>;
    agent?: Agent;
  } = {},
): Promise<ApiResponse> {
  const token = opts.token === undefined ? sandbox.tokens.admin : opts.token;
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string' || Buffer.isBuffer(opts.body)
        ? opts.body
        : JSON.stringify(opts.body);
  return new Promise((resolveReq, reject) => {
    const req = httpsRequest(
      `${sandbox.url}${path}`,
      {
        method,
        ca: sandbox.caCert,
        ...(opts.agent ? { agent: opts.agent } : {}),
        headers: {
          Accept: 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined
            ? {
                'Content-Type': opts.contentType ?? 'application/json',
                // Node sends DELETE bodies without chunking, so the length must be explicit.
                'Content-Length': String(Buffer.byteLength(body)),
              }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolveReq({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A VirtualMachine manifest in the shape of the seeds' quick start. */
export function vmManifest(
  name: string,
  extra: { cores?: number; coreFraction?: string; labels?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      virtualMachineClassName: 'generic',
      cpu: { cores: extra.cores ?? 1, coreFraction: extra.coreFraction ?? '10%' },
      memory: { size: '1Gi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: `${name}-root` }],
    },
  };
}

/**
 * A REST client (admin) for the file's sandbox, made on first use and closed after the file's
 * tests. Read it through the returned getter inside tests.
 */
export function useTestClient(sandbox: () => TestSandbox): () => ReturnType<typeof testClient> {
  let client: ReturnType<typeof testClient> | undefined;
  afterAll(() => client?.close());
  return () => (client ??= testClient(sandbox()));
}
