/**
 * Pure readers of VirtualDisk objects as the list and the disk page show them, and the grow-only
 * resize rule.
 */
import {
  compareQuantities,
  formatQuantity,
  quantityFromBytes,
  quantityToBytes,
  tryParseQuantity,
  type KubeObject,
  type VirtualDisk,
} from '@dvp/api';

type DiskStatus = NonNullable<VirtualDisk['status']>;
type DiskSpec = Partial<VirtualDisk['spec']>;

export const statusOf = (o: KubeObject): DiskStatus => o.status ?? {};
export const specOf = (o: KubeObject): DiskSpec => o.spec ?? {};

/** `status.capacity`: the provisioned size (absent until the volume exists). */
export const capacityOf = (o: KubeObject): string | undefined => statusOf(o).capacity || undefined;

/** `spec.persistentVolumeClaim.size`: the size asked for. */
export function requestedSizeOf(o: KubeObject): string | undefined {
  const size = specOf(o).persistentVolumeClaim?.size;
  return size === undefined || size === '' ? undefined : String(size);
}

/** The storage class in use (status), else the one asked for (spec). */
export const storageClassOf = (o: KubeObject): string | undefined =>
  statusOf(o).storageClassName || specOf(o).persistentVolumeClaim?.storageClassName || undefined;

/** Names of the VMs the disk is attached to (`status.attachedToVirtualMachines`). */
export function attachedVmsOf(o: KubeObject): string[] {
  return (statusOf(o).attachedToVirtualMachines ?? [])
    .map((a) => a.name ?? '')
    .filter((n) => n !== '');
}

/** Where the disk's data came from. */
export type DiskSource =
  | { type: 'blank' }
  | { type: 'ObjectRef'; kind: string; name: string }
  | { type: 'HTTP'; url: string }
  | { type: 'ContainerImage'; image: string }
  | { type: 'Upload' };

export function sourceOf(o: KubeObject): DiskSource {
  const ds = specOf(o).dataSource;
  if (!ds?.type) return { type: 'blank' };
  if (ds.type === 'ObjectRef' && ds.objectRef)
    return { type: 'ObjectRef', kind: ds.objectRef.kind, name: ds.objectRef.name };
  if (ds.type === 'HTTP') return { type: 'HTTP', url: ds.http?.url ?? '' };
  if (ds.type === 'ContainerImage')
    return { type: 'ContainerImage', image: ds.containerImage?.image ?? '' };
  if (ds.type === 'Upload') return { type: 'Upload' };
  return { type: 'blank' };
}

/** Why the disk cannot be deleted now (attached), or undefined. */
export function deleteBlockers(o: KubeObject): string[] {
  return attachedVmsOf(o);
}

/** Bytes of a quantity text, or undefined when it is not one. */
export function bytesOf(q: string | undefined): bigint | undefined {
  const parsed = q ? tryParseQuantity(q.trim()) : undefined;
  return parsed ? quantityToBytes(parsed) : undefined;
}

const MI = 1024n * 1024n;

/**
 * The smallest whole-MiB quantity that holds `bytes`, in the largest exact unit (`1Gi`,
 * `2601Mi`). Images report a rounded `unpacked` text (`2.5Gi` for 2.54 GiB), which would be
 * too small; the byte count rounded up never is.
 */
export function roundUpToMi(bytes: bigint): string {
  const mib = (bytes + MI - 1n) / MI;
  return formatQuantity(quantityFromBytes(mib * MI));
}

/** The resize problem of `next` against the disk's current size, or undefined when it grows. */
export function growProblem(
  current: string | undefined,
  next: string,
): 'format' | 'notLarger' | undefined {
  const to = tryParseQuantity(next.trim());
  if (!to || quantityToBytes(to) <= 0n) return 'format';
  const from = current ? tryParseQuantity(current) : undefined;
  if (from && compareQuantities(to, from) <= 0) return 'notLarger';
  return undefined;
}

/**
 * The size a resize starts from: the larger of the capacity and the requested size (a grow in
 * progress has the new request before the capacity catches up).
 */
export function currentSizeOf(o: KubeObject): string | undefined {
  const cap = capacityOf(o);
  const req = requestedSizeOf(o);
  const a = cap ? tryParseQuantity(cap) : undefined;
  const b = req ? tryParseQuantity(req) : undefined;
  if (a && b) return compareQuantities(a, b) >= 0 ? cap : req;
  return cap ?? req;
}

/** The merge patch of a resize (`spec.persistentVolumeClaim.size`), stale-safe. */
export function resizePatch(o: KubeObject, size: string) {
  return {
    metadata: { resourceVersion: o.metadata.resourceVersion ?? '' },
    spec: { persistentVolumeClaim: { size: size.trim() } },
  };
}
