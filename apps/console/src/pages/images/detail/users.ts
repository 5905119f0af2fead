import type { KubeObject, VmRow } from '@dvp/api';

/** What an image is, as VMs and disks refer to it. */
export interface ImageRef {
  kind: 'VirtualImage' | 'ClusterVirtualImage';
  name: string;
}

interface DiskSource {
  spec?: { dataSource?: { type?: string; objectRef?: { kind?: string; name?: string } } };
}

/** Disks created from the image (`spec.dataSource.objectRef`). */
export function disksFrom(disks: readonly KubeObject[], ref: ImageRef): KubeObject[] {
  return disks.filter((d) => {
    const r = (d as DiskSource).spec?.dataSource?.objectRef;
    return r?.kind === ref.kind && r.name === ref.name;
  });
}

/** VMs that mount the image (`spec.blockDeviceRefs`, in the row as `disks`). */
export function vmsMounting(vms: readonly VmRow[], ref: ImageRef): VmRow[] {
  return vms.filter((vm) => vm.disks.some((d) => d.kind === ref.kind && d.name === ref.name));
}
