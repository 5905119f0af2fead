import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tarHeader, tarPadding, TAR_END, tarSize } from '../controllers/images/tar.ts';
import type { Gateway } from './server.ts';
import { sendJson } from './files.ts';

/** Maps a repository (`cvi/<name>`, `vi/<ns>/<name>`, `catalogue/demo`) to its disk file. */
export type RepositoryResolver = (repository: string) => string | undefined;

interface Artifact {
  key: string;
  file: string;
  entry: string;
  size: number;
  layerDigest: string;
  layerSize: number;
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  manifestDigest: string;
}

const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function ociError(res: ServerResponse, code: number, errCode: string, message: string): void {
  sendJson(res, code, { errors: [{ code: errCode, message }] });
}

/**
 * A read-only OCI distribution registry at `/v2/` serving disk files as containerDisk images
 * (one uncompressed tar layer with the file under `disk/`), as DVCR serves imported images.
 * Layers are generated on the fly; their digests are cached per file version.
 */
export class OciRegistry {
  private readonly cache = new Map<string, Promise<Artifact>>();

  constructor(
    private readonly gateway: Gateway,
    private readonly resolve: RepositoryResolver,
  ) {}

  private async artifact(file: string): Promise<Artifact> {
    const st = await stat(file);
    const key = `${file}:${st.size}:${st.mtimeMs}`;
    let a = this.cache.get(key);
    if (!a) {
      a = (async () => {
        const entry = `disk/${basename(file)}`;
        const hash = createHash('sha256');
        hash.update(tarHeader(entry, st.size));
        for await (const c of createReadStream(file)) hash.update(c as Buffer);
        hash.update(tarPadding(st.size));
        hash.update(TAR_END);
        const layerDigest = `sha256:${hash.digest('hex')}`;
        const layerSize = tarSize(st.size);
        const config = Buffer.from(
          JSON.stringify({
            architecture: 'amd64',
            os: 'linux',
            rootfs: { type: 'layers', diff_ids: [layerDigest] },
          }),
        );
        const configDigest = sha256(config);
        const manifest = Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: MANIFEST_TYPE,
            config: {
              mediaType: 'application/vnd.oci.image.config.v1+json',
              digest: configDigest,
              size: config.length,
            },
            layers: [
              {
                mediaType: 'application/vnd.oci.image.layer.v1.tar',
                digest: layerDigest,
                size: layerSize,
              },
            ],
          }),
        );
        return {
          key,
          file,
          entry,
          size: st.size,
          layerDigest,
          layerSize,
          config,
          configDigest,
          manifest,
          manifestDigest: sha256(manifest),
        };
      })();
      a.catch(() => this.cache.delete(key));
      for (const k of this.cache.keys()) if (k.startsWith(`${file}:`)) this.cache.delete(k);
      this.cache.set(key, a);
    }
    return a;
  }

  register(): void {
    this.gateway.route('/v2', (req, res, url) => this.handle(req, res, url));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const headers = { 'Docker-Distribution-API-Version': 'registry/2.0' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      ociError(res, 405, 'UNSUPPORTED', 'this registry is read-only');
      return true;
    }
    if (url.pathname === '/v2' || url.pathname === '/v2/') {
      sendJson(res, 200, {}, headers);
      return true;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (!m) {
      ociError(res, 404, 'NAME_UNKNOWN', 'unknown path');
      return true;
    }
    const [, repo = '', what, ref = ''] = m;
    const file = this.resolve(decodeURIComponent(repo));
    if (!file) {
      ociError(
        res,
        404,
        'NAME_UNKNOWN',
        `repository ${repo} not found (or its image is not Ready)`,
      );
      return true;
    }
    const a = await this.artifact(file);
    if (what === 'manifests') {
      if (ref.includes(':') && ref !== a.manifestDigest) {
        ociError(res, 404, 'MANIFEST_UNKNOWN', `manifest ${ref} not found`);
        return true;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': MANIFEST_TYPE,
        'Content-Length': String(a.manifest.length),
        'Docker-Content-Digest': a.manifestDigest,
      });
      res.end(req.method === 'HEAD' ? undefined : a.manifest);
      return true;
    }
    if (ref === a.configDigest) {
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(a.config.length),
        'Docker-Content-Digest': ref,
      });
      res.end(req.method === 'HEAD' ? undefined : a.config);
      return true;
    }
    if (ref !== a.layerDigest) {
      ociError(res, 404, 'BLOB_UNKNOWN', `blob ${ref} not found`);
      return true;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(a.layerSize),
      'Docker-Content-Digest': ref,
    });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await this.streamLayer(a, res);
    return true;
  }

  private async streamLayer(a: Artifact, res: ServerResponse): Promise<void> {
    const write = (b: Buffer) =>
      new Promise<void>((ok) => (res.write(b) ? ok() : res.once('drain', ok)));
    try {
      await write(tarHeader(a.entry, a.size));
      for await (const c of createReadStream(a.file)) {
        if (res.destroyed) return;
        await write(c as Buffer);
      }
      await write(tarPadding(a.size));
      res.end(TAR_END);
    } catch {
      res.destroy();
    }
  }
}
