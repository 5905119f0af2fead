/**
 * Helpers shared by the disks area's controllers: kind refs, condition building, status patches
 * that only write when something changed, and file utilities.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setCondition, type ConditionLike } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { nowTimestamp } from '../../apiserver/service/objects.ts';
import { refOf, type KubeClient, type ResourceRef } from '../runtime/client.ts';

/** The DVP API group. */
export const DVP = 'virtualization.deckhouse.io';
/** apiVersion of DVP kinds. */
export const DVP_API = `${DVP}/v1alpha2`;

/** REST refs of every kind the disks area reads or writes. */
export const REF = {
  vd: refOf(DVP, 'VirtualDisk'),
  vi: refOf(DVP, 'VirtualImage'),
  cvi: refOf(DVP, 'ClusterVirtualImage'),
  vds: refOf(DVP, 'VirtualDiskSnapshot'),
  vm: refOf(DVP, 'VirtualMachine'),
  vms: refOf(DVP, 'VirtualMachineSnapshot'),
  vmbda: refOf(DVP, 'VirtualMachineBlockDeviceAttachment'),
  vmip: refOf(DVP, 'VirtualMachineIPAddress'),
  vmipLease: refOf(DVP, 'VirtualMachineIPAddressLease'),
  vmop: refOf(DVP, 'VirtualMachineOperation'),
  vmsop: refOf(DVP, 'VirtualMachineSnapshotOperation'),
  vmrestore: refOf(DVP, 'VirtualMachineRestore'),
  pvc: refOf('', 'PersistentVolumeClaim'),
  secret: refOf('', 'Secret'),
  storageClass: refOf('storage.k8s.io', 'StorageClass'),
  snapshotClass: refOf('snapshot.storage.k8s.io', 'VolumeSnapshotClass'),
  moduleConfig: refOf('deckhouse.io', 'ModuleConfig'),
} satisfies Record<string, ResourceRef>;

/** A loosely typed object: controllers read spec/status fields defensively. */
export type Obj = KubeObject & {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

/** A condition as written to `status.conditions`. */
export type Condition = ConditionLike & { reason: string; message: string };

/** Builds a condition with the object's generation. */
export function condition(
  obj: KubeObject,
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message = '',
): Condition {
  return {
    type,
    status,
    reason,
    message,
    ...(obj.metadata.generation !== undefined
      ? { observedGeneration: obj.metadata.generation }
      : {}),
  };
}

/** `conditions` with each of `next` set (transition times kept) and `remove` types dropped. */
export function mergeConditions(
  current: readonly Condition[] | undefined,
  next: readonly Condition[],
  remove: readonly string[] = [],
): Condition[] {
  const now = nowTimestamp();
  let list = (current ?? []).filter((c) => !remove.includes(c.type));
  for (const c of next) list = setCondition(list, c, now);
  return list;
}

/** The conditions of an object's status. */
export function conditionsOf(obj: KubeObject | undefined): Condition[] {
  return ((obj?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).slice();
}

/** The condition of `type`, if any. */
export function conditionOf(obj: KubeObject | undefined, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

/** `status.phase` or ''. */
export function phaseOf(obj: KubeObject | undefined): string {
  return (obj?.status as { phase?: string } | undefined)?.phase ?? '';
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort())
      : val,
  );
}

/**
 * Merge-patches `status` with `next` unless every field of `next` already has that value
 * (`null` removes a field). Returns true when it wrote.
 */
export async function patchStatusIfChanged(
  client: KubeClient,
  ref: ResourceRef,
  obj: KubeObject,
  next: Record<string, unknown>,
): Promise<boolean> {
  const cur = (obj.status ?? {}) as Record<string, unknown>;
  const changed = Object.entries(next).some(([k, v]) =>
    v === null ? cur[k] !== undefined : stable(cur[k]) !== stable(v),
  );
  if (!changed) return false;
  await client.patchStatus(ref, obj, { ...next, observedGeneration: obj.metadata.generation });
  return true;
}

/** An ownerReference to `owner` (a controller reference unless `controller: false`). */
export function ownerRef(owner: KubeObject, controller = true) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

/** Moves a finished temporary file into place (creating the directory). */
export async function moveIntoPlace(tmp: string, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await rename(tmp, dest);
}

/** Removes a volume or snapshot directory (the file's parent). */
export async function removeFileDir(file: string): Promise<void> {
  await rm(dirname(file), { recursive: true, force: true });
}

/** A duration in seconds as kube prints it (`1m2s`, `3.5s`). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${Math.round(s * 10) / 10}s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return m < 60 ? `${m}m${rest}s` : `${Math.floor(m / 60)}h${m % 60}m${rest}s`;
}

/** The `VirtualDisk` names a VM spec references in `blockDeviceRefs`. */
export function vmDiskNames(vm: Obj | undefined): string[] {
  const refs = (vm?.spec?.blockDeviceRefs ?? []) as {
    kind?: string;
    name?: string;
  }[];
  return refs.filter((r) => r.kind === 'VirtualDisk' && r.name).map((r) => r.name as string);
}

/** A string field's value, or '' for anything else. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
