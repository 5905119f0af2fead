/**
 * The "Create Disk" form's values, checks and the VirtualDisk they become (seed 000 "How to
 * create a virtual machine disk … in the web interface").
 */
import { validateDvpName, validateObjectName, type KubeObject } from '@dvp/api';
import { bytesOf, roundUpToMi } from '../model.ts';

/** Where the new disk's data comes from. */
export const SOURCE_KINDS = [
  'VirtualImage',
  'ClusterVirtualImage',
  'VirtualDiskSnapshot',
  'blank',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface CreateDiskValues {
  name: string;
  sourceKind: SourceKind;
  /** The image or snapshot (empty for a blank disk). */
  sourceName: string;
  /** A quantity; empty = the source's own size. */
  size: string;
  /** Empty = the cluster's default. */
  storageClass: string;
}

export const DISK_API_VERSION = 'virtualization.deckhouse.io/v1alpha2';

/** The image's unpacked size in bytes (`status.size.unpackedBytes`, else the rounded text). */
export function imageBytes(image: KubeObject | undefined): bigint | undefined {
  const size = (image?.status as { size?: { unpacked?: string; unpackedBytes?: string } })?.size;
  if (size?.unpackedBytes && /^\d+$/.test(size.unpackedBytes)) return BigInt(size.unpackedBytes);
  return bytesOf(size?.unpacked);
}

/** The size the form proposes for an image: its unpacked size, rounded up to whole MiB. */
export function defaultSizeFor(image: KubeObject | undefined): string {
  const bytes = imageBytes(image);
  return bytes === undefined ? '' : roundUpToMi(bytes);
}

/** Problems, as message ids with values, keyed by field. */
export type Problems = Partial<
  Record<keyof CreateDiskValues, { id: string; values?: Record<string, string> }>
>;

/** Client-side checks (the server's dry run catches the rest). */
export function checkValues(
  v: CreateDiskValues,
  minBytes: bigint | undefined,
  min: string,
): Problems {
  const p: Problems = {};
  const name = v.name.trim();
  if (!name) p.name = { id: 'required' };
  else {
    const msg = [
      ...validateObjectName('VirtualDisk', name),
      ...validateDvpName('VirtualDisk', name),
    ][0];
    if (msg) p.name = { id: 'name', values: { message: msg } };
  }
  if (v.sourceKind !== 'blank' && !v.sourceName) p.sourceName = { id: 'source' };
  const size = v.size.trim();
  if (!size) {
    if (v.sourceKind === 'blank') p.size = { id: 'sizeBlank' };
  } else {
    const bytes = bytesOf(size);
    if (bytes === undefined || bytes <= 0n) p.size = { id: 'sizeFormat' };
    else if (minBytes !== undefined && bytes < minBytes)
      p.size = { id: 'sizeMin', values: { min } };
  }
  return p;
}

/** The VirtualDisk of the values. */
export function diskBody(v: CreateDiskValues) {
  const pvc: { size?: string; storageClassName?: string } = {};
  if (v.size.trim()) pvc.size = v.size.trim();
  if (v.storageClass) pvc.storageClassName = v.storageClass;
  return {
    apiVersion: DISK_API_VERSION,
    kind: 'VirtualDisk',
    metadata: { name: v.name.trim() },
    spec: {
      ...(Object.keys(pvc).length ? { persistentVolumeClaim: pvc } : {}),
      ...(v.sourceKind !== 'blank'
        ? {
            dataSource: {
              type: 'ObjectRef',
              objectRef: { kind: v.sourceKind, name: v.sourceName },
            },
          }
        : {}),
    },
  };
}

/** Server causes → form fields. */
export const DISK_CAUSE_FIELDS: Record<string, keyof CreateDiskValues> = {
  'metadata.name': 'name',
  'spec.persistentVolumeClaim.size': 'size',
  'spec.persistentVolumeClaim.storageClassName': 'storageClass',
  'spec.dataSource': 'sourceName',
};

/** Reads `?create=1&source=VirtualDiskSnapshot:<name>` (restore a snapshot to a new disk). */
export function sourceFromParam(
  param: string | null,
): { kind: SourceKind; name: string } | undefined {
  if (!param) return undefined;
  const i = param.indexOf(':');
  const kind = param.slice(0, i) as SourceKind;
  const name = param.slice(i + 1);
  return i > 0 && (SOURCE_KINDS as readonly string[]).includes(kind) && kind !== 'blank' && name
    ? { kind, name }
    : undefined;
}

export function sourceParam(kind: Exclude<SourceKind, 'blank'>, name: string): string {
  return `${kind}:${name}`;
}
