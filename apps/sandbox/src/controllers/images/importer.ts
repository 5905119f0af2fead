import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { KubeObject } from '../../apiserver/types.ts';
import { isAlreadyExists, type ResourceRef } from '../runtime/client.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { ChecksumVerifier, mismatchMessage, unsupportedChecksums } from './checksum.ts';
import { inspectImage, type ImageFacts } from './detect.ts';
import { ImportError } from './errors.ts';
import { decodeCaBundle, downloadHttp } from './http-source.ts';
import { pullContainerDisk } from './registry-source.ts';
import { REFS, type SourceState } from './sources.ts';
import { dataSourceOf, type ImageKind } from './spec.ts';
import { formatProgress, SpeedMeter, Throttle, type DownloadSpeed } from './units.ts';

/** What a finished import hands to reconcile. */
export interface ImportResult {
  uid: string;
  facts: Omit<ImageFacts, 'file'>;
  sourceUID?: string;
  target: { registryURL?: string; persistentVolumeClaimName?: string };
  storageClassName?: string;
  speed?: DownloadSpeed;
}

/** Where a VI on PVC storage goes. */
export interface PvcPlan {
  storageClassName: string;
  rwx: boolean;
}

/** Progress of one transfer, written to the object's status at most twice a second. */
export class Progress {
  private total: number | undefined;
  readonly meter: SpeedMeter;
  private readonly throttle: Throttle<Record<string, unknown>>;

  constructor(ctx: ControllerContext, ref: ResourceRef, obj: KubeObject) {
    this.meter = new SpeedMeter(Date.now());
    this.throttle = new Throttle(async (status) => {
      await ctx.client.patchStatus(ref, obj, status);
    }, 500);
  }

  setTotal(bytes: number): void {
    this.total = bytes;
  }

  data(chunk: Buffer): void {
    const now = Date.now();
    this.meter.add(chunk.length, now);
    const progress = formatProgress(this.meter.bytes, this.total);
    this.throttle.push({
      ...(progress ? { progress } : {}),
      downloadSpeed: this.meter.status(now),
    });
  }

  /** Writes the last value and waits for writes in flight. */
  flush(): Promise<void> {
    return this.throttle.flush();
  }

  cancel(): Promise<void> {
    return this.throttle.cancel();
  }
}

/** A fresh scratch directory for one import attempt of an object (removed when done). */
export function scratchOf(ctx: ControllerContext, obj: KubeObject): string {
  return join(
    ctx.paths.scratchDir(),
    `${obj.metadata.uid ?? 'unknown'}.${randomBytes(4).toString('hex')}`,
  );
}

async function copyWithProgress(from: string, to: string, progress: Progress, signal: AbortSignal) {
  progress.setTotal((await stat(from)).size);
  await pipeline(
    createReadStream(from),
    async function* (src: AsyncIterable<Buffer>) {
      for await (const c of src) {
        progress.data(c);
        yield c;
      }
    },
    createWriteStream(to),
    { signal },
  );
}

/** Moves the inspected file into the image's storage (DVCR or a new PVC). */
export async function storeImage(
  ctx: ControllerContext,
  kind: ImageKind,
  obj: KubeObject,
  file: string,
  pvc: PvcPlan | undefined,
): Promise<Pick<ImportResult, 'target' | 'storageClassName'>> {
  const name = obj.metadata.name ?? '';
  const ns = obj.metadata.namespace;
  if (!pvc) {
    const registryURL = `${ctx.paths.registryURL(kind.short, name, ns)}:${obj.metadata.uid ?? 'latest'}`;
    const dest = ctx.paths.dvcrFile(registryURL);
    await mkdir(dirname(dest), { recursive: true });
    await rename(file, dest);
    return { target: { registryURL } };
  }
  const pvcName = `vi-${name}-${obj.metadata.uid ?? ''}`;
  const size = (await stat(file)).size;
  try {
    await ctx.client.create(REFS.pvc, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: pvcName,
        namespace: ns,
        labels: { 'virtualization.deckhouse.io/virtual-image': name },
        ownerReferences: [
          {
            apiVersion: obj.apiVersion,
            kind: obj.kind,
            name,
            uid: obj.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        accessModes: [pvc.rwx ? 'ReadWriteMany' : 'ReadWriteOnce'],
        volumeMode: 'Filesystem',
        storageClassName: pvc.storageClassName,
        resources: { requests: { storage: String(Math.ceil(size / 1048576) * 1048576) } },
      },
    });
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
  const dest = ctx.paths.volumeFile(ns ?? '', pvcName);
  await mkdir(dirname(dest), { recursive: true });
  await rename(file, dest);
  return { target: { persistentVolumeClaimName: pvcName }, storageClassName: pvc.storageClassName };
}

/** Downloads, pulls or copies an image's source, checks and inspects it, and stores it. */
export async function runImport(
  ctx: ControllerContext,
  kind: ImageKind,
  ref: ResourceRef,
  obj: KubeObject,
  source: Extract<SourceState, { ready: true }>,
  pvc: PvcPlan | undefined,
  signal: AbortSignal,
): Promise<ImportResult> {
  const scratch = scratchOf(ctx, obj);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const raw = join(scratch, 'source');
  const progress = new Progress(ctx, ref, obj);
  const ds = dataSourceOf(obj);
  try {
    if (ds.type === 'HTTP') {
      const http = ds.http ?? { url: '' };
      const unsupported = unsupportedChecksums(http.checksum);
      if (unsupported.length > 0)
        throw new ImportError(
          `The ${unsupported.join(' and ')} checksum is not supported by the sandbox (Node has no GOST Streebog): remove it or give md5, sha1, sha256 or sha512 instead.`,
        );
      const verifier = new ChecksumVerifier(http.checksum);
      const ca = decodeCaBundle(http.caBundle);
      await downloadHttp(http.url, raw, {
        ...(ca ? { ca } : {}),
        signal,
        onTotal: (n) => progress.setTotal(n),
        onData: (c) => {
          verifier.update(c);
          progress.data(c);
        },
      });
      const bad = verifier.mismatches();
      if (bad.length > 0) throw new ImportError(mismatchMessage(http.url, bad));
    } else if (ds.type === 'ContainerImage') {
      const ci = ds.containerImage ?? { image: '' };
      const ca = decodeCaBundle(ci.caBundle);
      await pullContainerDisk(ci.image, raw, {
        ...(ca ? { ca } : {}),
        ...(source.credentials ? { credentials: source.credentials } : {}),
        signal,
        failReason: kind.pullFailReason,
        onTotal: (n) => progress.setTotal(n),
        onData: (c) => progress.data(c),
      });
    } else if (source.file) {
      await copyWithProgress(source.file, raw, progress, signal).catch((e: unknown) => {
        if (signal.aborted) throw e;
        throw new ImportError(`Cannot copy ${source.what}: ${(e as Error).message}.`);
      });
    }
    await progress.flush();
    const facts = await inspectImage(raw, source.what);
    const stored = await storeImage(ctx, kind, obj, facts.file, pvc);
    const { file: _file, ...rest } = facts;
    return {
      uid: obj.metadata.uid ?? '',
      facts: rest,
      ...(source.sourceUID ? { sourceUID: source.sourceUID } : {}),
      ...stored,
      speed: progress.meter.status(Date.now()),
    };
  } finally {
    await progress.cancel();
    await rm(scratch, { recursive: true, force: true });
  }
}
