import { createHash } from 'node:crypto';
import type { GuestDiskSpec, GuestSpec } from '@dvp/hypervisor-agent/guest/spec';
import type { KubeObject } from '../../apiserver/types.ts';
import { memoryBytes } from './scheduler.ts';

/** A block device of a VM, resolved to its file. */
export interface ResolvedDevice {
  kind: 'VirtualDisk' | 'VirtualImage' | 'ClusterVirtualImage';
  name: string;
  id: string;
  path: string;
  bootOrder?: number;
  size?: string;
  /** A VMBDA hot-plugged the device (included when the guest (re)starts). */
  attachment?: string;
}

/** Devices in boot order: by `bootOrder` when any is set (unset ones last), else list order. */
export function bootOrdered<T extends { bootOrder?: number }>(devices: T[]): T[] {
  if (!devices.some((d) => d.bootOrder !== undefined)) return devices;
  return devices
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (a.d.bootOrder ?? Number.MAX_SAFE_INTEGER) - (b.d.bootOrder ?? Number.MAX_SAFE_INTEGER) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** A stable locally administered MAC for a VM's main NIC. */
export function macOf(uid: string): string {
  const h = createHash('sha1').update(uid).digest();
  const bytes = [0x52, 0x54, 0x00, h[0] ?? 0, h[1] ?? 0, h[2] ?? 0];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * The hypervisor agent's spec for a VM: cores and memory from the VM, block devices in boot
 * order (images read-only; the agent detects ISO media), the NoCloud seed from provisioning
 * and the main NIC with the VM's leased address.
 */
export function guestSpecOf(
  vm: KubeObject,
  devices: ResolvedDevice[],
  opts: { userData?: string; ip?: string },
): GuestSpec {
  const spec = vm.spec as { cpu: { cores: number }; memory: { size: string }; osType?: string };
  const disks: GuestDiskSpec[] = bootOrdered(devices).map((d) => ({
    id: d.id,
    path: d.path,
    kind: d.kind === 'VirtualDisk' ? 'disk' : 'image',
  }));
  const uid = vm.metadata.uid ?? '';
  return {
    id: uid,
    name: `${vm.metadata.namespace ?? ''}/${vm.metadata.name ?? ''}`,
    cpu: { cores: spec.cpu.cores },
    memoryMiB: Math.max(96, Math.floor(memoryBytes(spec.memory.size) / 1024 / 1024)),
    disks,
    ...(opts.userData !== undefined
      ? {
          cloudInit: {
            userData: opts.userData,
            instanceId: uid,
            localHostname: vm.metadata.name ?? 'vm',
          },
        }
      : {}),
    nics: [{ id: 'main', mac: macOf(uid), ...(opts.ip ? { ip: opts.ip, prefixLength: 24 } : {}) }],
    machine: spec.osType === 'Legacy' ? 'pc' : 'q35',
  };
}
