/**
 * A VirtualDisk's data source as the disk controller sees it: nothing (blank), a file to copy
 * (a Ready image or snapshot), something to wait for, or something that cannot work.
 */
import { existsSync } from 'node:fs';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import { imageFileOf } from '../../storage/resolve.ts';
import { phaseOf, type Obj } from './common.ts';

/** The outcome of looking at a disk's `spec.dataSource`. */
export type SourceState =
  | { state: 'blank' }
  | { state: 'file'; file: string; what: string; sourceUID: string; qcow2Snapshot: boolean }
  | { state: 'remote'; what: string }
  | { state: 'waiting'; reason: string; readyReason: string; message: string }
  | { state: 'failed'; reason: string; readyReason: string; message: string };

/** The informers the resolver reads. */
export interface SourceInformers {
  vi: Informer<Obj>;
  cvi: Informer<Obj>;
  vds: Informer<Obj>;
}

interface DataSource {
  type?: string;
  objectRef?: { kind?: string; name?: string };
}

function imageSource(
  ctx: ControllerContext,
  image: Obj | undefined,
  kind: 'VirtualImage' | 'ClusterVirtualImage',
  name: string,
): SourceState {
  const cluster = kind === 'ClusterVirtualImage';
  const label = `${kind} ${JSON.stringify(name)}`;
  if (!image)
    return {
      state: 'waiting',
      reason: cluster ? 'ClusterImageNotFound' : 'ImageNotFound',
      readyReason: 'DatasourceIsNotFound',
      message: `${label} not found: create it, or fix spec.dataSource.objectRef; the disk is provisioned once the image is Ready`,
    };
  if (phaseOf(image) !== 'Ready')
    return {
      state: 'waiting',
      reason: cluster ? 'ClusterImageNotReady' : 'ImageNotReady',
      readyReason: 'DatasourceIsNotReady',
      message: `${label} is not Ready yet (phase ${phaseOf(image) || 'Pending'}); the disk is provisioned once it is`,
    };
  if ((image.status as { cdrom?: boolean } | undefined)?.cdrom)
    return {
      state: 'failed',
      reason: 'DatasourceReady',
      readyReason: 'ProvisioningFailed',
      message: `${label} is an ISO (CD-ROM) image: disks cannot be created from ISO images; attach the image to the VM in spec.blockDeviceRefs instead`,
    };
  const file = imageFileOf(ctx.paths, image);
  if (!file || !existsSync(file))
    return {
      state: 'waiting',
      reason: cluster ? 'ClusterImageNotReady' : 'ImageNotReady',
      readyReason: 'DatasourceIsNotReady',
      message: `${label} is Ready but its data is not available yet`,
    };
  return {
    state: 'file',
    file,
    what: label,
    sourceUID: image.metadata.uid ?? '',
    qcow2Snapshot: false,
  };
}

/** Resolves the data source of `disk`. */
export function resolveSource(
  ctx: ControllerContext,
  inf: SourceInformers,
  disk: Obj,
): SourceState {
  const ds = disk.spec?.dataSource as DataSource | undefined;
  if (!ds) return { state: 'blank' };
  const ns = disk.metadata.namespace ?? '';
  if (ds.type === 'HTTP' || ds.type === 'ContainerImage') return { state: 'remote', what: ds.type };
  if (ds.type !== 'ObjectRef')
    return {
      state: 'failed',
      reason: 'DatasourceReady',
      readyReason: 'ProvisioningFailed',
      message: `dataSource type ${ds.type ?? '(none)'} is not supported for disks in the sandbox: upload the data into a VirtualImage (type Upload) and create the disk from it with type ObjectRef`,
    };
  const kind = ds.objectRef?.kind ?? '';
  const name = ds.objectRef?.name ?? '';
  if (kind === 'VirtualImage') return imageSource(ctx, inf.vi.get(name, ns), kind, name);
  if (kind === 'ClusterVirtualImage') return imageSource(ctx, inf.cvi.get(name), kind, name);
  if (kind === 'VirtualDiskSnapshot') {
    const snap = inf.vds.get(name, ns);
    const label = `VirtualDiskSnapshot ${JSON.stringify(name)}`;
    if (!snap)
      return {
        state: 'waiting',
        reason: 'VirtualDiskSnapshotNotReady',
        readyReason: 'DatasourceIsNotFound',
        message: `${label} not found: create it, or fix spec.dataSource.objectRef`,
      };
    const vsName = (snap.status as { volumeSnapshotName?: string } | undefined)?.volumeSnapshotName;
    const file = vsName ? ctx.paths.snapshotFile(ns, vsName) : undefined;
    if (phaseOf(snap) !== 'Ready' || !file || !existsSync(file))
      return {
        state: 'waiting',
        reason: 'VirtualDiskSnapshotNotReady',
        readyReason: 'DatasourceIsNotReady',
        message: `${label} is not Ready yet (phase ${phaseOf(snap) || 'Pending'}); the disk is restored once it is`,
      };
    return {
      state: 'file',
      file,
      what: label,
      sourceUID: snap.metadata.uid ?? '',
      qcow2Snapshot: true,
    };
  }
  return {
    state: 'failed',
    reason: 'DatasourceReady',
    readyReason: 'ProvisioningFailed',
    message: `objectRef kind ${kind || '(none)'} cannot be a disk's data source; use VirtualImage, ClusterVirtualImage or VirtualDiskSnapshot`,
  };
}
