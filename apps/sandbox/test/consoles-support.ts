import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket, type RawData } from 'ws';
import { createOverlay } from '@dvp/hypervisor-agent/images/qemu-img';
import { ensureGuestImages } from '@dvp/hypervisor-agent/testing/guest-images';
import { CLOUD_USER_DATA, READY_MARKER } from '@dvp/hypervisor-agent/testing/harness';
import { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import type { SerialMux } from '@dvp/hypervisor-agent/streams/serial';
import type { Sandbox } from '../src/sandbox.ts';
import type { KubeObject } from '../src/apiserver/types.ts';
import { api, vmManifest, type TestSandbox } from './harness.ts';

export const SUB_PATH = '/apis/subresources.virtualization.deckhouse.io/v1alpha2';

/** The path of a VM subresource (`console`, `vnc`, `addvolume`, ...). */
export function subPath(namespace: string, vm: string, sub: string, query = ''): string {
  return `${SUB_PATH}/namespaces/${namespace}/virtualmachines/${vm}/${sub}${query}`;
}

/** Opens a websocket to a VM stream through the API server with `token` (`query`: `?port=..`). */
export function openStream(
  sb: Pick<Sandbox, 'url' | 'caCert'>,
  token: string,
  namespace: string,
  vm: string,
  sub: 'console' | 'vnc' | 'portforward',
  opts: { protocols?: string[]; headers?: Record<string, string>; query?: string } = {},
): WebSocket {
  return new WebSocket(
    `${sb.url.replace(/^https:/, 'wss:')}${subPath(namespace, vm, sub, opts.query)}`,
    opts.protocols ?? ['plain.kubevirt.io'],
    { ca: sb.caCert, headers: { Authorization: `Bearer ${token}`, ...opts.headers } },
  );
}

/** Resolves when the websocket opens; rejects with the HTTP status and body if refused. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`HTTP ${res.statusCode}`), {
            statusCode: res.statusCode,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown,
          }),
        ),
      );
    });
    ws.once('error', reject);
  });
}

/** Resolves with the close code and reason of a websocket. */
export function closedWith(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

/** An expect-style serial console over an (opened) console websocket; binary frames only. */
export async function serialOver(ws: WebSocket): Promise<SerialConsole> {
  // SerialConsole attaches to anything shaped like a SerialMux; this one is the websocket.
  const mux = {
    attach: (client: { send(d: Buffer): void; close(c: number, r: string): void }) => {
      ws.on('message', (d: RawData) =>
        client.send(Buffer.isBuffer(d) ? d : Buffer.from(d as ArrayBuffer)),
      );
      ws.on('close', (code, reason) => client.close(code, reason.toString()));
      return Promise.resolve({
        write: (data: Buffer | string) => ws.send(Buffer.from(data), { binary: true }),
        detach: () => ws.close(),
      });
    },
  } as unknown as SerialMux;
  return SerialConsole.open(mux);
}

const VMS = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines';

/**
 * Creates VM `name` in `demo` and sets its phase by hand (no controllers run in these tests),
 * as the VM controller would report it; returns the VM as stored.
 */
export async function createVmInPhase(
  sb: TestSandbox,
  name: string,
  phase: string,
): Promise<KubeObject> {
  const created = await api(sb, 'POST', VMS, { body: vmManifest(name) });
  if (created.status !== 201) throw new Error(`creating VM ${name}: HTTP ${created.status}`);
  const patched = await api(sb, 'PATCH', `${VMS}/${name}/status`, {
    body: { status: { phase } },
    contentType: 'application/merge-patch+json',
  });
  if (patched.status !== 200)
    throw new Error(`setting VM ${name} ${phase}: HTTP ${patched.status}`);
  return patched.json as KubeObject;
}

/**
 * Boots the demo guest for `vm` directly on a node's agent (guest id = VM uid), as the VM
 * controller would, and waits until it has booted. The demo image is used through an overlay.
 */
export async function bootDemoGuest(
  sb: Pick<Sandbox, 'nodes' | 'dataDir'>,
  vm: KubeObject,
  node = 'sandbox-node-1',
): Promise<void> {
  const images = await ensureGuestImages();
  const agent = sb.nodes.agent(node);
  if (!agent) throw new Error(`no agent on ${node}`);
  const dir = join(sb.dataDir, 'test-disks');
  mkdirSync(dir, { recursive: true });
  const overlay = join(dir, `${vm.metadata.name}-root.qcow2`);
  await createOverlay(overlay, images.disk);
  const id = vm.metadata.uid ?? '';
  await agent.start({
    id,
    name: `${vm.metadata.namespace}/${vm.metadata.name}`,
    cpu: { cores: 1 },
    memoryMiB: 256,
    disks: [{ id: 'root', path: overlay, kind: 'disk', format: 'qcow2', media: 'disk' }],
    cloudInit: { userData: `${CLOUD_USER_DATA}hostname: ${vm.metadata.name}\n` },
    nics: [{ id: 'main', ip: '10.66.10.50', prefixLength: 24 }],
  });
  const c = await SerialConsole.open(agent.require(id).serial, 64 * 1024);
  try {
    await c.expect(READY_MARKER, 120_000);
  } finally {
    c.detach();
  }
}
