import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describeNetworkError, ImportError, type FailureReason } from './errors.ts';
import { openUrl, type TransferOptions } from './http-source.ts';
import { isLoopbackRegistry, parseAuthChallenge, parseImageReference } from './oci-ref.ts';
import { extractDisk } from './tar.ts';

/** Options of a containerDisk pull. */
export interface PullOptions extends TransferOptions {
  credentials?: { username: string; password: string };
  /** The `Ready` reason failures carry (VI: ImagePullFailed, CVI: ProvisioningFailed). */
  failReason: FailureReason;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string };
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A registry session: base URL, auth state (basic or bearer token after a challenge). */
class RegistrySession {
  private authorization: string | undefined;
  readonly base: string;

  constructor(
    readonly image: string,
    readonly registry: string,
    readonly repository: string,
    private readonly opts: PullOptions,
  ) {
    this.base = `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`;
  }

  fail(what: string): ImportError {
    return new ImportError(`Failed to pull ${this.image}: ${what}.`, this.opts.failReason);
  }

  private basic(): string | undefined {
    const c = this.opts.credentials;
    return c ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : undefined;
  }

  private async open(path: string, accept?: string): Promise<IncomingMessage> {
    try {
      return await openUrl(`${this.base}${path}`, {
        ...(this.opts.ca ? { ca: this.opts.ca } : {}),
        signal: this.opts.signal,
        headers: {
          ...(accept ? { Accept: accept } : {}),
          ...(this.authorization ? { Authorization: this.authorization } : {}),
        },
      });
    } catch (e) {
      if (this.opts.signal.aborted || e instanceof ImportError) throw e;
      throw this.fail(`cannot reach the registry: ${describeNetworkError(e, this.registry)}`);
    }
  }

  /** Answers the registry's auth challenge (Basic or Bearer token), once. */
  private async authenticate(res: IncomingMessage): Promise<void> {
    const ch = parseAuthChallenge(res.headers['www-authenticate']);
    res.resume();
    if (ch?.scheme === 'basic') {
      this.authorization = this.basic();
      if (!this.authorization)
        throw this.fail(
          'the registry wants credentials: set imagePullSecret to a dockerconfigjson Secret',
        );
      return;
    }
    if (ch?.scheme !== 'bearer' || !ch.params.realm)
      throw this.fail('the registry refused access (HTTP 401) without a usable challenge');
    const url = new URL(ch.params.realm);
    if (ch.params.service) url.searchParams.set('service', ch.params.service);
    url.searchParams.set('scope', ch.params.scope ?? `repository:${this.repository}:pull`);
    const basic = this.basic();
    let tokenRes: IncomingMessage;
    try {
      tokenRes = await openUrl(url.toString(), {
        ...(this.opts.ca ? { ca: this.opts.ca } : {}),
        signal: this.opts.signal,
        headers: basic ? { Authorization: basic } : {},
      });
    } catch (e) {
      if (this.opts.signal.aborted) throw e;
      throw this.fail(
        `cannot reach the token service ${url.host}: ${describeNetworkError(e, url.host)}`,
      );
    }
    const body = await readAll(tokenRes);
    if (tokenRes.statusCode !== 200)
      throw this.fail(
        `the token service refused the credentials (HTTP ${tokenRes.statusCode}): check the imagePullSecret`,
      );
    const doc = JSON.parse(body.toString('utf8') || '{}') as {
      token?: string;
      access_token?: string;
    };
    const token = doc.token ?? doc.access_token;
    if (!token) throw this.fail('the token service answered without a token');
    this.authorization = `Bearer ${token}`;
  }

  /** GET with one auth round trip; non-200 answers become actionable errors. */
  async get(path: string, what: string, accept?: string): Promise<IncomingMessage> {
    let res = await this.open(path, accept);
    if (res.statusCode === 401 && !this.authorization) {
      await this.authenticate(res);
      res = await this.open(path, accept);
    }
    const code = res.statusCode ?? 0;
    if (code === 200) return res;
    res.resume();
    if (code === 401 || code === 403)
      throw this.fail(
        `the registry refused access to ${what} (HTTP ${code}): ${this.opts.credentials ? 'the credentials in the imagePullSecret are wrong or lack pull rights' : 'set imagePullSecret to a dockerconfigjson Secret with pull rights'}`,
      );
    if (code === 404)
      throw this.fail(
        `${what} does not exist in the registry (HTTP 404): check the repository and tag`,
      );
    throw this.fail(`the registry answered HTTP ${code} for ${what}`);
  }
}

/**
 * Pulls a containerDisk image over the OCI distribution protocol (manifest, then layer blobs)
 * and extracts the file under `disk/` into `dest`. https for remote registries (`ca` for a
 * private CA), plain http only on loopback; Basic or Bearer auth when challenged.
 */
export async function pullContainerDisk(
  image: string,
  dest: string,
  opts: PullOptions,
): Promise<string> {
  let ref;
  try {
    ref = parseImageReference(image);
  } catch (e) {
    throw new ImportError(
      `Invalid image reference ${image}: ${(e as Error).message}.`,
      opts.failReason,
    );
  }
  const s = new RegistrySession(image, ref.registry, ref.repository, opts);
  const manifestPath = (r: string) => `/v2/${ref.repository}/manifests/${r}`;
  let doc = JSON.parse(
    (
      await readAll(await s.get(manifestPath(ref.reference), `the image ${image}`, MANIFEST_TYPES))
    ).toString('utf8'),
  ) as { mediaType?: string; manifests?: Descriptor[]; layers?: Descriptor[] };
  if (doc.manifests) {
    const pick =
      doc.manifests.find(
        (m) => m.platform?.architecture === 'amd64' && m.platform.os === 'linux',
      ) ?? doc.manifests[0];
    if (!pick) throw s.fail('the image index lists no manifests');
    doc = JSON.parse(
      (
        await readAll(
          await s.get(manifestPath(pick.digest), `the manifest ${pick.digest}`, MANIFEST_TYPES),
        )
      ).toString('utf8'),
    ) as typeof doc;
  }
  const layers = doc.layers ?? [];
  if (layers.length === 0) throw s.fail('the image has no layers');
  opts.onTotal?.(layers.reduce((n, l) => n + (l.size ?? 0), 0));
  // The disk layer is usually the last one; look from the top.
  for (const layer of [...layers].reverse()) {
    const res = await s.get(
      `/v2/${ref.repository}/blobs/${layer.digest}`,
      `the layer ${layer.digest}`,
    );
    const [algo, want] = layer.digest.split(':');
    const hash = algo === 'sha256' || algo === 'sha512' ? createHash(algo) : undefined;
    const counted = async function* (src: AsyncIterable<Buffer>) {
      for await (const c of src) {
        hash?.update(c);
        opts.onData?.(c);
        yield c;
      }
    };
    const source = Readable.from(counted(res));
    const gz = /gzip/.test(layer.mediaType ?? '');
    const stream: AsyncIterable<Buffer> = gz ? source.pipe(createGunzip()) : source;
    let name: string | undefined;
    try {
      name = await extractDisk(stream, dest);
    } catch (e) {
      if (opts.signal.aborted) throw e;
      throw s.fail(`the layer ${layer.digest} could not be read (${(e as Error).message})`);
    }
    if (hash && hash.digest('hex') !== want)
      throw s.fail(`the layer ${layer.digest} arrived corrupted (digest mismatch)`);
    if (name) return name;
  }
  throw s.fail(
    'no disk file under /disk in any layer: build the image FROM scratch with `COPY <file> /disk/<file>` (DVP containerDisk layout)',
  );
}
