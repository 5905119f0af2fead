import type { KubeObject } from '../apiserver/types.ts';
import type { StoragePaths } from './paths.ts';

interface TargetStatus {
  phase?: string;
  target?: { registryURL?: string; persistentVolumeClaimName?: string };
}

/**
 * The file holding a VirtualImage's or ClusterVirtualImage's data (DVCR or PVC storage), or
 * undefined while it has none. Consumers (disks, guests) read it; only the image controller writes.
 */
export function imageFileOf(paths: StoragePaths, image: KubeObject): string | undefined {
  const st = image.status as TargetStatus | undefined;
  if (st?.target?.persistentVolumeClaimName && image.metadata.namespace)
    return paths.volumeFile(image.metadata.namespace, st.target.persistentVolumeClaimName);
  if (st?.target?.registryURL) return paths.dvcrFile(st.target.registryURL);
  return undefined;
}

/** The volume file of a VirtualDisk, or undefined before it has a PVC. */
export function diskFileOf(paths: StoragePaths, disk: KubeObject): string | undefined {
  const st = disk.status as TargetStatus | undefined;
  const pvc = st?.target?.persistentVolumeClaimName;
  return pvc && disk.metadata.namespace
    ? paths.volumeFile(disk.metadata.namespace, pvc)
    : undefined;
}

/** The id a block device has inside a guest spec: `vd-<name>`, `vi-<name>` or `cvi-<name>`. */
export function guestDiskId(kind: string, name: string): string {
  const prefix =
    kind === 'VirtualDisk'
      ? 'vd'
      : kind === 'VirtualImage'
        ? 'vi'
        : kind === 'ClusterVirtualImage'
          ? 'cvi'
          : kind;
  return `${prefix}-${name}`;
}
