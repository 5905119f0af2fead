import { existsSync } from 'node:fs';
import type { KubeObject } from '../../apiserver/types.ts';
import { imageFileOf } from '../../storage/resolve.ts';
import type { ResourceRef } from '../runtime/client.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { ImportError, UploadInterrupted } from './errors.ts';
import type { ImportResult } from './importer.ts';
import { dataSourceOf, statusOf } from './spec.ts';
import { cond, mergeConditions, writeStatus } from './status.ts';
import { sizeStatus } from './units.ts';
import type { ImageUsers } from './usage.ts';

type Outcome = { ok: true; value: ImportResult } | { ok: false; error: Error };

/**
 * Writes a finished task's outcome: `Ready` with format, sizes and target; `Failed` with the
 * reason and an actionable message; back to `WaitForUserUpload` after an interrupted upload.
 * Returns false for outcomes that say nothing (a cancelled task), leaving reconcile to go on.
 */
export async function applyResult(
  ctx: ControllerContext,
  ref: ResourceRef,
  obj: KubeObject,
  outcome: Outcome,
  usage: ImageUsers,
): Promise<boolean> {
  const inUse = usage.users.length
    ? cond(
        'InUse',
        'True',
        'AttachedToVirtualMachine',
        `The image is used by ${usage.users.join(', ')}.`,
      )
    : cond('InUse', 'False', 'NotInUse', '');
  const cvi = obj.kind === 'ClusterVirtualImage';
  if (outcome.ok) {
    const r = outcome.value;
    if (r.uid !== obj.metadata.uid) return false;
    const size = sizeStatus(r.facts.storedBytes, r.facts.unpackedBytes);
    await writeStatus(ctx, ref, obj, {
      phase: 'Ready',
      progress: '100%',
      format: r.facts.format,
      cdrom: r.facts.cdrom,
      size,
      target: r.target,
      ...(r.speed ? { downloadSpeed: r.speed } : {}),
      ...(r.sourceUID ? { sourceUID: r.sourceUID } : {}),
      ...(r.storageClassName ? { storageClassName: r.storageClassName } : {}),
      ...(cvi ? { usedInNamespaces: usage.namespaces } : {}),
      conditions: mergeConditions(obj, [
        cond('DatasourceReady', 'True', 'DatasourceReady'),
        cond('Ready', 'True', 'Ready'),
        inUse,
      ]),
    });
    await ctx.events.record(
      obj,
      'Normal',
      'Ready',
      `The image is ready: ${r.facts.format}${r.facts.cdrom ? ' (CD-ROM)' : ''}, ${size.stored} stored, ${size.unpacked} unpacked.`,
    );
    return true;
  }
  const e = outcome.error;
  if (e.name === 'AbortError') return false;
  if (e instanceof UploadInterrupted) {
    await writeStatus(ctx, ref, obj, {
      phase: 'WaitForUserUpload',
      progress: null,
      downloadSpeed: null,
      conditions: mergeConditions(obj, [
        cond('Ready', 'False', 'WaitForUserUpload', e.message),
        inUse,
      ]),
    });
    await ctx.events.record(obj, 'Warning', 'UploadInterrupted', e.message);
    return true;
  }
  const reason = e instanceof ImportError ? e.reason : 'ProvisioningFailed';
  const message =
    e instanceof ImportError
      ? e.message
      : `Importing the image failed unexpectedly: ${e.message}. Recreate the image to retry.`;
  const upload = dataSourceOf(obj).type === 'Upload';
  await writeStatus(ctx, ref, obj, {
    phase: 'Failed',
    ...(upload ? {} : { progress: null }),
    conditions: mergeConditions(obj, [cond('Ready', 'False', reason, message), inUse]),
  });
  await ctx.events.record(obj, 'Warning', reason, message);
  return true;
}

/** A Ready image whose file is gone becomes `ImageLost` (DVCR) or `PVCLost`; true if so. */
export async function markLostIfGone(
  ctx: ControllerContext,
  ref: ResourceRef,
  obj: KubeObject,
): Promise<boolean> {
  const file = imageFileOf(ctx.paths, obj);
  if (file && existsSync(file)) return false;
  const st = statusOf(obj);
  const pvc = st.target?.persistentVolumeClaimName;
  const phase = pvc ? 'PVCLost' : 'ImageLost';
  const msg = pvc
    ? `The volume ${pvc} of the image is gone; recreate the image.`
    : `The image's data in DVCR (${st.target?.registryURL ?? '?'}) is gone; recreate the image.`;
  await writeStatus(ctx, ref, obj, {
    phase,
    conditions: mergeConditions(obj, [cond('Ready', 'False', phase, msg)]),
  });
  await ctx.events.record(obj, 'Warning', phase, msg);
  return true;
}
