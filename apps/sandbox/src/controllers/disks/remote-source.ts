/**
 * Disks with an `HTTP` or `ContainerImage` data source: the data is fetched with the image
 * area's importers (download or registry pull, checksums, decompression, format checks) into
 * scratch space, then converted into the disk's volume like an image file.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ControllerContext } from '../runtime/context.ts';
import { ChecksumVerifier, mismatchMessage, unsupportedChecksums } from '../images/checksum.ts';
import { inspectImage } from '../images/detect.ts';
import { decodeCaBundle, downloadHttp } from '../images/http-source.ts';
import { pullContainerDisk } from '../images/registry-source.ts';
import type { Obj } from './common.ts';
import { decideDiskSize } from './volume.ts';

interface RemoteSpec {
  type?: string;
  http?: { url: string; caBundle?: string; checksum?: Record<string, string> };
  containerImage?: { image: string; caBundle?: string };
}

/** A fetched source: its unpacked file, what it was, and its size decision. */
export interface Fetched {
  file: string;
  what: string;
  bytes: number;
  cleanup: () => Promise<void>;
}

/**
 * Downloads (HTTP) or pulls (ContainerImage) a disk's source, checks it is a disk image and not
 * an ISO, and decides the disk size against its unpacked size. Throws actionable errors.
 */
export async function fetchRemoteSource(
  ctx: ControllerContext,
  disk: Obj,
  requested: number | undefined,
  signal: AbortSignal,
  onProgress: (pct: number) => void,
): Promise<Fetched> {
  const ds = (disk.spec?.dataSource ?? {}) as RemoteSpec;
  const dir = join(ctx.paths.scratchDir(), `vd-src-${randomBytes(6).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const raw = join(dir, 'source');
    let total = 0;
    let got = 0;
    const onTotal = (n: number) => (total = n);
    const onData = (c: Buffer) => {
      got += c.length;
      if (total > 0) onProgress(Math.min(99, (got / total) * 100));
    };
    let what: string;
    if (ds.type === 'HTTP' && ds.http) {
      what = ds.http.url;
      const unsupported = unsupportedChecksums(ds.http.checksum);
      if (unsupported.length)
        throw new Error(
          `the ${unsupported.join(' and ')} checksum is not supported by the sandbox: give md5, sha1, sha256 or sha512 instead`,
        );
      const verifier = new ChecksumVerifier(ds.http.checksum);
      const ca = decodeCaBundle(ds.http.caBundle);
      await downloadHttp(ds.http.url, raw, {
        ...(ca ? { ca } : {}),
        signal,
        onTotal,
        onData: (c) => {
          verifier.update(c);
          onData(c);
        },
      });
      const bad = verifier.mismatches();
      if (bad.length) throw new Error(mismatchMessage(ds.http.url, bad));
    } else if (ds.type === 'ContainerImage' && ds.containerImage) {
      what = ds.containerImage.image;
      const ca = decodeCaBundle(ds.containerImage.caBundle);
      await pullContainerDisk(ds.containerImage.image, raw, {
        ...(ca ? { ca } : {}),
        signal,
        failReason: 'ProvisioningFailed',
        onTotal,
        onData,
      });
    } else throw new Error(`dataSource type ${ds.type ?? '(none)'} has no source to fetch`);
    const facts = await inspectImage(raw, what);
    if (facts.cdrom)
      throw new Error(
        `${what} is an ISO (CD-ROM) image: disks cannot be created from ISO images; import it as a VirtualImage and attach it to the VM instead`,
      );
    const size = decideDiskSize(requested, { bytes: facts.unpackedBytes, what });
    if (!size.ok) throw new Error(size.message);
    return { file: facts.file, what, bytes: size.bytes, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
