/**
 * Helpers of the disks and snapshots integration tests: data files, qemu-img checks, object
 * creation and waits.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf, type KubeClient } from '../src/controllers/runtime/client.ts';
import { conditionOf, phaseOf, waitFor, type SandboxLike } from './wait.ts';

const run = promisify(execFile);

export const DVP = 'virtualization.deckhouse.io';
export const NS = 'demo';
export const VD = refOf(DVP, 'VirtualDisk');
export const VI = refOf(DVP, 'VirtualImage');
export const VM = refOf(DVP, 'VirtualMachine');
export const VDS = refOf(DVP, 'VirtualDiskSnapshot');
export const VMS = refOf(DVP, 'VirtualMachineSnapshot');
export const VMBDA = refOf(DVP, 'VirtualMachineBlockDeviceAttachment');
export const PVC = refOf('', 'PersistentVolumeClaim');
export const SECRET = refOf('', 'Secret');

/** Writes a qcow2 image of `mib` MiB whose first MiB and a later block carry `seed`'s pattern. */
export async function makeQcow2(dir: string, name: string, mib: number, seed: string) {
  const raw = join(dir, `${name}.raw`);
  const buf = Buffer.alloc(mib * 1024 * 1024);
  const pattern = Buffer.from(`${seed}-`.repeat(64));
  for (let off = 0; off < 1024 * 1024; off += pattern.length) pattern.copy(buf, off);
  pattern.copy(buf, buf.length - 4096);
  writeFileSync(raw, buf);
  const out = join(dir, `${name}.qcow2`);
  await run('qemu-img', ['convert', '-q', '-f', 'raw', '-O', 'qcow2', raw, out]);
  return out;
}

/** `qemu-img info` of a file (shared, so files held by guests can be read). */
export async function qemuInfo(file: string): Promise<{ virtualSize: number; format: string }> {
  const { stdout } = await run('qemu-img', ['info', '-U', '--output=json', file]);
  const j = JSON.parse(stdout) as { 'virtual-size': number; format: string };
  return { virtualSize: j['virtual-size'], format: j.format };
}

/** True when the guest-visible contents of two images are identical (`qemu-img compare`). */
export async function sameContents(a: string, b: string, strict = false): Promise<boolean> {
  try {
    await run('qemu-img', ['compare', '-U', ...(strict ? ['-s'] : []), a, b]);
    return true;
  } catch {
    return false;
  }
}

/** A plain HTTP server on 127.0.0.1 serving files of `dir` by name. */
export async function fileServer(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const file = join(dir, basename(decodeURIComponent(req.url ?? '/')));
    try {
      const st = statSync(file);
      res.writeHead(200, { 'Content-Length': st.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}`, server };
}

/** A VirtualDisk manifest. */
export function diskManifest(
  name: string,
  opts: { size?: string; storageClassName?: string; source?: { kind: string; name: string } },
): KubeObject {
  return {
    apiVersion: `${DVP}/v1alpha2`,
    kind: 'VirtualDisk',
    metadata: { name, namespace: NS },
    spec: {
      ...(opts.size || opts.storageClassName
        ? {
            persistentVolumeClaim: {
              ...(opts.size ? { size: opts.size } : {}),
              ...(opts.storageClassName ? { storageClassName: opts.storageClassName } : {}),
            },
          }
        : {}),
      ...(opts.source ? { dataSource: { type: 'ObjectRef', objectRef: opts.source } } : {}),
    },
  };
}

/** A stopped VM (runPolicy AlwaysOff) using `disks`. */
export function stoppedVm(name: string, disks: string[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: `${DVP}/v1alpha2`,
    kind: 'VirtualMachine',
    metadata: { name, namespace: NS },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'AlwaysOff',
      cpu: { cores: 1, coreFraction: '10%' },
      memory: { size: '256Mi' },
      blockDeviceRefs: disks.map((d) => ({ kind: 'VirtualDisk', name: d })),
      ...extra,
    },
  };
}

/** Waits for an object of `kind` to reach `phase`. */
export function waitPhase(
  sb: SandboxLike,
  kind: string,
  name: string,
  phase: string | string[],
  timeoutMs = 90_000,
): Promise<KubeObject> {
  const phases = Array.isArray(phase) ? phase : [phase];
  return waitFor(
    sb,
    { group: DVP, kind, name, namespace: NS },
    (o) => phases.includes(phaseOf(o) ?? ''),
    { timeoutMs },
  );
}

/** Waits (watching) until an object is gone. */
export async function waitGone(
  client: KubeClient,
  ref: ReturnType<typeof refOf>,
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    for (;;) {
      const fieldSelector = `metadata.name=${name}`;
      const { items, resourceVersion } = await client.list(ref, { namespace: NS, fieldSelector });
      if (items.length === 0) return;
      let gone = false;
      await client.watch(
        ref,
        { namespace: NS, fieldSelector, resourceVersion },
        (e) => {
          if (e.type === 'DELETED') {
            gone = true;
            abort.abort();
          }
        },
        abort.signal,
      );
      if (gone) return;
      if (abort.signal.aborted) throw new Error(`${ref.kind} ${name} still exists`);
    }
  } finally {
    clearTimeout(timer);
  }
}

export { conditionOf, phaseOf };
