/**
 * The long work of the disk controller (run as background tasks) and the disk's
 * PersistentVolumeClaim object.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createImage, imageInfo, resizeImage } from '@dvp/hypervisor-agent/images/qemu-img';
import type { ControllerContext } from '../runtime/context.ts';
import { guestDiskId } from '../../storage/resolve.ts';
import { isWaitForFirstConsumer } from './classes.ts';
import { REF, moveIntoPlace, ownerRef, type Obj } from './common.ts';
import type { SourceState } from './source.ts';
import type { DiskUser } from './usage.ts';
import { bytesToQuantity, convertToQcow2 } from './volume.ts';

/** A scratch file name for a volume being built. */
export async function scratchFile(ctx: ControllerContext, prefix: string): Promise<string> {
  await mkdir(ctx.paths.scratchDir(), { recursive: true });
  return join(ctx.paths.scratchDir(), `${prefix}-${randomBytes(6).toString('hex')}.qcow2`);
}

/**
 * Builds a disk's volume file: blank (`qemu-img create`), or converted from the source file and
 * grown to `bytes`. Written to scratch first and renamed into place, so the volume file exists
 * only when complete. Returns the volume's virtual size.
 */
export async function provisionVolume(
  ctx: ControllerContext,
  dest: string,
  source: SourceState,
  bytes: number,
  onProgress: (pct: number) => void,
  signal: AbortSignal,
): Promise<number> {
  const tmp = await scratchFile(ctx, 'vd');
  try {
    if (source.state === 'file') {
      await convertToQcow2(source.file, tmp, { shared: true, onProgress, signal });
      const info = await imageInfo(tmp);
      if (bytes > info.virtualSize) await resizeImage(tmp, bytes, { format: 'qcow2' });
    } else {
      await createImage(tmp, bytes, { format: 'qcow2' });
    }
    if (signal.aborted) throw new Error('provisioning cancelled');
    await moveIntoPlace(tmp, dest);
  } finally {
    if (existsSync(tmp)) await rm(tmp, { force: true });
  }
  return (await imageInfo(dest, { shared: true })).virtualSize;
}

/**
 * Grows a disk: online through the hypervisor agent of the running guest that has it attached
 * (the guest sees the new size), else offline with `qemu-img resize`. Returns the new size.
 */
export async function resizeVolume(
  ctx: ControllerContext,
  disk: Obj,
  file: string,
  users: DiskUser[],
  bytes: number,
): Promise<number> {
  const diskId = guestDiskId('VirtualDisk', disk.metadata.name ?? '');
  for (const u of users) {
    const uid = u.vm?.metadata.uid;
    const located = uid ? ctx.nodes.locate(uid) : undefined;
    if (!located || !uid) continue;
    const held = located.guest.spec.disks.some((d) => d.id === diskId);
    if (!held) continue;
    await located.agent.resizeDisk(uid, diskId, bytes);
    return (await imageInfo(file, { shared: true })).virtualSize;
  }
  await resizeImage(file, bytes, { format: 'qcow2' });
  return (await imageInfo(file)).virtualSize;
}

/** The PVC object of a disk (`vd-<name>-<uid>`), created Pending if missing. */
export async function ensurePvc(
  ctx: ControllerContext,
  disk: Obj,
  pvcName: string,
  storageClass: Obj,
  accessMode: string,
  bytes: number | undefined,
): Promise<Obj> {
  const ns = disk.metadata.namespace ?? '';
  const existing = await ctx.client.get<Obj>(REF.pvc, pvcName, ns);
  if (existing) return existing;
  const pvc = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: pvcName,
      namespace: ns,
      ownerReferences: [ownerRef(disk)],
      annotations: {
        'virtualdisk.virtualization.deckhouse.io/volume-mode': 'Block',
        'virtualdisk.virtualization.deckhouse.io/access-mode': accessMode,
        'virtualdisk.virtualization.deckhouse.io/binding-mode': isWaitForFirstConsumer(storageClass)
          ? 'WaitForFirstConsumer'
          : 'Immediate',
      },
    },
    spec: {
      accessModes: [accessMode],
      volumeMode: 'Block',
      storageClassName: storageClass.metadata.name,
      resources: { requests: { storage: bytesToQuantity(bytes ?? 1) } },
    },
  };
  const created = await ctx.client.create<Obj>(REF.pvc, pvc);
  await ctx.client.patchStatus(REF.pvc, created, { phase: 'Pending' });
  return created;
}

/** Marks a disk's PVC Bound with `bytes` of capacity (and requests at least that much). */
export async function bindPvc(
  ctx: ControllerContext,
  namespace: string,
  pvcName: string,
  bytes: number,
): Promise<void> {
  const pvc = await ctx.client.get<Obj>(REF.pvc, pvcName, namespace);
  if (!pvc) return;
  const size = bytesToQuantity(bytes);
  const spec = pvc.spec as { resources?: { requests?: { storage?: string } }; accessModes?: [] };
  if (spec.resources?.requests?.storage !== size)
    await ctx.client.patch(REF.pvc, pvcName, namespace, {
      spec: { resources: { requests: { storage: size } } },
    });
  const st = pvc.status as { phase?: string; capacity?: { storage?: string } } | undefined;
  if (st?.phase !== 'Bound' || st.capacity?.storage !== size)
    await ctx.client.patchStatus(REF.pvc, pvc, {
      phase: 'Bound',
      accessModes: spec.accessModes ?? [],
      capacity: { storage: size },
    });
}
