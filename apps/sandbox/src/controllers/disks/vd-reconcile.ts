/**
 * The two halves of a VirtualDisk reconcile: before its volume exists (classes, data source,
 * size, WaitForFirstConsumer, provisioning) and after (resizing, Ready).
 */
import { existsSync } from 'node:fs';
import { imageInfo } from '@dvp/hypervisor-agent/images/qemu-img';
import { REF, condition, formatDuration, phaseOf, type Obj } from './common.ts';
import { accessModeOf, chooseStorageClass, isWaitForFirstConsumer } from './classes.ts';
import { resolveSource } from './source.ts';
import { fetchRemoteSource } from './remote-source.ts';
import { writeDiskStatus } from './vd-status.ts';
import { bindPvc, ensurePvc, provisionVolume, resizeVolume } from './vd-work.ts';
import type { VirtualDiskController } from './virtual-disk.ts';
import { bytesToQuantity, decideDiskSize, needsResize, quantityBytes } from './volume.ts';

function requestedBytes(disk: Obj): number | undefined {
  return quantityBytes((disk.spec?.persistentVolumeClaim as { size?: unknown } | undefined)?.size);
}

function pvcNameOf(disk: Obj): string {
  const existing = (disk.status?.target as { persistentVolumeClaimName?: string } | undefined)
    ?.persistentVolumeClaimName;
  return existing ?? `vd-${disk.metadata.name ?? ''}-${disk.metadata.uid ?? ''}`;
}

async function markReady(
  ctrl: VirtualDiskController,
  disk: Obj,
  pvc: string,
  size: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const ns = disk.metadata.namespace ?? '';
  await bindPvc(ctrl.context, ns, pvc, size);
  await writeDiskStatus(
    ctrl,
    disk,
    {
      phase: 'Ready',
      capacity: bytesToQuantity(size),
      progress: '100%',
      target: { persistentVolumeClaimName: pvc },
      ...extra,
    },
    [condition(disk, 'Ready', 'True', 'Ready', '')],
    ['Resizing'],
  );
}

/** Reconciles a disk whose volume does not exist yet. */
export async function reconcileUnprovisioned(
  ctrl: VirtualDiskController,
  key: string,
  disk: Obj,
): Promise<void> {
  const ctx = ctrl.context;
  if (ctrl.tasks.has(key)) return writeDiskStatus(ctrl, disk, {}, []);
  const pvc = pvcNameOf(disk);
  const ns = disk.metadata.namespace ?? '';
  const file = ctx.paths.volumeFile(ns, pvc);
  const done = ctrl.tasks.peekResult(key);
  if (done) {
    if (done.ok) {
      ctrl.sizes.set(key, done.value.virtualSize);
      const created = Date.parse(disk.metadata.creationTimestamp ?? '') || Date.now();
      await markReady(ctrl, disk, pvc, done.value.virtualSize, {
        stats: { creationDuration: { totalProvisioning: formatDuration(Date.now() - created) } },
      });
    } else {
      await writeDiskStatus(ctrl, disk, { phase: 'Failed', progress: null }, [
        condition(
          disk,
          'Ready',
          'False',
          'ProvisioningFailed',
          `provisioning failed: ${done.error.message}`,
        ),
      ]);
    }
    ctrl.tasks.takeResult(key);
    return;
  }
  if (existsSync(file)) {
    // Provisioned before a restart, status not written yet.
    return markReady(ctrl, disk, pvc, await ctrl.sizeOf(key, file));
  }
  if (
    phaseOf(disk) === 'Failed' &&
    (disk.status?.observedGeneration as number | undefined) === disk.metadata.generation
  )
    return writeDiskStatus(ctrl, disk, {}, []);

  const requested = (disk.spec?.persistentVolumeClaim as { storageClassName?: string } | undefined)
    ?.storageClassName;
  const sc = chooseStorageClass(
    ctrl.inf.classes,
    ctrl.inf.moduleConfigs.get('virtualization'),
    (disk.status?.storageClassName as string | undefined) ?? requested,
  );
  if (!sc.ok)
    return writeDiskStatus(ctrl, disk, { phase: 'Pending' }, [
      condition(disk, 'StorageClassReady', 'False', 'StorageClassNotReady', sc.message),
      condition(disk, 'Ready', 'False', 'StorageClassIsNotReady', sc.message),
    ]);
  const scReady = condition(disk, 'StorageClassReady', 'True', 'StorageClassReady', '');
  const source = resolveSource(ctx, ctrl.inf, disk);
  if (source.state === 'waiting')
    return writeDiskStatus(ctrl, disk, { phase: 'Pending', storageClassName: sc.name }, [
      scReady,
      condition(disk, 'DatasourceReady', 'False', source.reason, source.message),
      condition(disk, 'Ready', 'False', source.readyReason, source.message),
    ]);
  if (source.state === 'failed')
    return writeDiskStatus(
      ctrl,
      disk,
      { phase: 'Failed', storageClassName: sc.name },
      [scReady, condition(disk, 'Ready', 'False', source.readyReason, source.message)],
      ['DatasourceReady'],
    );
  const srcBytes =
    source.state === 'file'
      ? { bytes: (await imageInfo(source.file, { shared: true })).virtualSize, what: source.what }
      : undefined;
  const size =
    source.state === 'remote'
      ? ({ ok: true, bytes: requestedBytes(disk) ?? 0 } as const)
      : decideDiskSize(requestedBytes(disk), srcBytes);
  const dsReady = condition(disk, 'DatasourceReady', 'True', 'DatasourceReady', '');
  if (!size.ok)
    return writeDiskStatus(ctrl, disk, { phase: 'Failed', storageClassName: sc.name }, [
      scReady,
      dsReady,
      condition(disk, 'Ready', 'False', 'ProvisioningFailed', size.message),
    ]);
  const base = {
    storageClassName: sc.name,
    target: { persistentVolumeClaimName: pvc },
    ...(source.state === 'file' ? { sourceUID: source.sourceUID } : {}),
  };
  await ensurePvc(ctx, disk, pvc, sc.storageClass, accessModeOf(sc.storageClass), size.bytes);
  if (
    isWaitForFirstConsumer(sc.storageClass) &&
    ctrl.usage.usersOf(ns, disk.metadata.name ?? '').length === 0
  )
    return writeDiskStatus(ctrl, disk, { ...base, phase: 'WaitForFirstConsumer' }, [
      scReady,
      dsReady,
      condition(
        disk,
        'Ready',
        'False',
        'WaitingForFirstConsumer',
        `StorageClass ${sc.name} binds volumes on first use: the disk is provisioned once a VirtualMachine uses it (spec.blockDeviceRefs or a VirtualMachineBlockDeviceAttachment)`,
      ),
    ]);

  let reported = -1;
  const onProgress = (pct: number) => {
    const p = Math.floor(pct);
    if (p - reported < 10 || p >= 100) return;
    reported = p;
    ctx.client.patchStatus(REF.vd, disk, { progress: `${p}%` }).catch(() => undefined);
  };
  ctrl.tasks.start(key, async (signal) => {
    if (source.state !== 'remote') {
      const virtualSize = await provisionVolume(ctx, file, source, size.bytes, onProgress, signal);
      return { kind: 'provision' as const, virtualSize };
    }
    const fetched = await fetchRemoteSource(ctx, disk, requestedBytes(disk), signal, (p) =>
      onProgress(p / 2),
    );
    try {
      const local = {
        state: 'file' as const,
        file: fetched.file,
        what: fetched.what,
        sourceUID: '',
        qcow2Snapshot: false,
      };
      const virtualSize = await provisionVolume(
        ctx,
        file,
        local,
        fetched.bytes,
        (p) => onProgress(50 + p / 2),
        signal,
      );
      return { kind: 'provision' as const, virtualSize };
    } finally {
      await fetched.cleanup();
    }
  });
  await writeDiskStatus(ctrl, disk, { ...base, phase: 'Provisioning', progress: '0%' }, [
    scReady,
    dsReady,
    condition(disk, 'Ready', 'False', 'Provisioning', 'the volume is being provisioned'),
  ]);
}

/** Reconciles a disk whose volume exists: resizing, Ready. */
export async function reconcileProvisioned(
  ctrl: VirtualDiskController,
  key: string,
  disk: Obj,
  file: string,
): Promise<void> {
  const pvc = pvcNameOf(disk);
  const ns = disk.metadata.namespace ?? '';
  const resizing = condition(disk, 'Resizing', 'True', 'InProgress', 'the disk is being resized');
  if (ctrl.tasks.has(key)) return writeDiskStatus(ctrl, disk, { phase: 'Resizing' }, [resizing]);
  const done = ctrl.tasks.peekResult(key);
  if (done) {
    if (done.ok) ctrl.sizes.set(key, done.value.virtualSize);
    else {
      ctrl.sizes.delete(key);
      const asked = requestedBytes(disk);
      if (asked !== undefined) ctrl.failedResizes.set(key, asked);
      await ctrl.context.events.record(
        disk,
        'Warning',
        'ResizingFailed',
        `resizing the disk failed: ${done.error.message}`,
      );
    }
    ctrl.tasks.takeResult(key);
  }
  const capacity = await ctrl.sizeOf(key, file);
  const requested = requestedBytes(disk);
  if (needsResize(requested, capacity) && ctrl.failedResizes.get(key) !== requested) {
    const bytes = requested as number;
    const users = ctrl.usage.usersOf(ns, disk.metadata.name ?? '');
    ctrl.tasks.start(key, async () => ({
      kind: 'resize' as const,
      virtualSize: await resizeVolume(ctrl.context, disk, file, users, bytes),
      requested: bytes,
    }));
    return writeDiskStatus(ctrl, disk, { phase: 'Resizing' }, [resizing]);
  }
  await markReady(ctrl, disk, pvc, capacity);
}
