import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ensureGuestImages, type GuestImages } from '@dvp/hypervisor-agent/testing/guest-images';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf } from '../src/controllers/runtime/client.ts';
import { testClient, waitFor, phaseOf, type SandboxLike } from './wait.ts';

export const DVP = 'virtualization.deckhouse.io';
export const NS = 'demo';

/** The demo guest images (built once per machine). */
export function guestImages(): Promise<GuestImages> {
  return ensureGuestImages();
}

export const sha256File = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

/** How a test server answers one path. */
export interface Served {
  body?: Buffer;
  status?: number;
  /** Bytes per write (default: all at once). */
  chunk?: number;
  /** Pause between writes, ms. */
  delayMs?: number;
  /** Stop after this many bytes and keep the connection open (a stalled server). */
  stallAfter?: number;
}

/** A local HTTP server serving fixed bodies, optionally slowly in chunks. */
export async function fileServer(
  routes: Record<string, Served>,
): Promise<{ url: string; close(): Promise<void>; requests: string[] }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = routes[req.url ?? ''];
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = r.body ?? Buffer.alloc(0);
    res.writeHead(r.status ?? 200, { 'Content-Length': String(body.length) });
    const chunk = r.chunk ?? body.length;
    let off = 0;
    const next = () => {
      if (res.destroyed) return;
      if (r.stallAfter !== undefined && off >= r.stallAfter) return;
      if (off >= body.length) {
        res.end();
        return;
      }
      const part = body.subarray(off, off + chunk);
      off += part.length;
      res.write(part);
      setTimeout(next, r.delayMs ?? 0);
    };
    next();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** Creates a VirtualImage (namespace `demo`) or ClusterVirtualImage through the API. */
export async function createImage(
  sb: SandboxLike,
  kind: 'VirtualImage' | 'ClusterVirtualImage',
  name: string,
  spec: Record<string, unknown>,
): Promise<KubeObject> {
  const c = testClient(sb);
  try {
    return await c.create(refOf(DVP, kind), {
      apiVersion: `${DVP}/v1alpha2`,
      kind,
      metadata: { name, ...(kind === 'VirtualImage' ? { namespace: NS } : {}) },
      spec,
    });
  } finally {
    c.close();
  }
}

/** Waits until the image leaves the in-progress phases; returns it. */
export function settled(
  sb: SandboxLike,
  kind: 'VirtualImage' | 'ClusterVirtualImage',
  name: string,
  opts: { timeoutMs?: number; onChange?: (o: KubeObject) => void; phases?: string[] } = {},
): Promise<KubeObject> {
  const done = opts.phases ?? ['Ready', 'Failed'];
  return waitFor(
    sb,
    { group: DVP, kind, name, ...(kind === 'VirtualImage' ? { namespace: NS } : {}) },
    (o) => done.includes(phaseOf(o) ?? ''),
    opts,
  );
}

/** A status field of an image. */
export function st<T = unknown>(o: KubeObject, ...path: string[]): T {
  let v: unknown = o.status;
  for (const p of path) v = (v as Record<string, unknown> | undefined)?.[p];
  return v as T;
}

/** Waits until an object no longer exists (watching for its DELETED event). */
export async function waitGone(
  sb: SandboxLike,
  kind: string,
  name: string,
  namespace: string | undefined,
  timeoutMs = 60_000,
): Promise<void> {
  const c = testClient(sb);
  const ref = refOf(kind === 'PersistentVolumeClaim' ? '' : DVP, kind);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    while (!abort.signal.aborted) {
      const { items, resourceVersion } = await c.list(ref, {
        namespace,
        fieldSelector: `metadata.name=${name}`,
      });
      if (items.length === 0) return;
      let gone = false;
      await c.watch(
        ref,
        { namespace, fieldSelector: `metadata.name=${name}`, resourceVersion },
        (e) => {
          if (e.type === 'DELETED') {
            gone = true;
            abort.abort();
          }
        },
        abort.signal,
      );
      if (gone) return;
    }
    throw new Error(`${kind} ${name} still exists after ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
    c.close();
  }
}
