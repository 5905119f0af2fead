import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { cpuTopology } from './cpu-topology.ts';

/**
 * What the agent needs to run one guest. The sandbox builds it from a VirtualMachine and the
 * resolved block devices; the agent never sees Kubernetes objects.
 */
export interface GuestSpec {
  /** Unique per agent and stable for the guest's life (the VM uid or name); any string. */
  id: string;
  /** Name shown by QEMU (`-name`), e.g. `namespace/vm`; defaults to id. */
  name?: string;
  /** `spec.cpu.cores`; the socket topology is derived as DVP does. */
  cpu: { cores: number };
  /** Guest RAM in MiB (the demo kernel needs at least 96). */
  memoryMiB: number;
  /** Block devices in boot order: the first is tried first. */
  disks: GuestDiskSpec[];
  /** cloud-init NoCloud data; a `cidata` seed disk is generated from it. */
  cloudInit?: CloudInitSpec;
  /** NICs on QEMU user networking. */
  nics?: GuestNicSpec[];
  /** Machine type (`q35` by default; `pc` for DVP's Legacy OS type). */
  machine?: 'q35' | 'pc';
  /** Accelerator; TCG unless a boot probe proved KVM (see kvm-probe.ts). */
  accel?: 'tcg' | 'kvm';
  /** Attach the qemu-guest-agent channel (default true). */
  guestAgent?: boolean;
  /** Empty PCIe root ports kept for disk hotplug on q35 (default 4). */
  hotplugSlots?: number;
}

/** One block device as the sandbox hands it over. */
export interface GuestDiskSpec {
  /** Stable id (e.g. the VirtualDisk name); used for hotplug and resize. */
  id: string;
  /** Image file on the host. */
  path: string;
  /** `disk`: read-write VirtualDisk; `image`: VirtualImage/ClusterVirtualImage, read-only. */
  kind: 'disk' | 'image';
  /** Image format; detected with qemu-img when omitted. */
  format?: 'qcow2' | 'raw';
  /** `cdrom` for ISO images; detected from the file when omitted. */
  media?: 'disk' | 'cdrom';
  /** Serial number the guest sees (`/sys/block/vdX/serial`); defaults to a prefix of id. */
  serial?: string;
}

/** A disk after format and media detection: everything qemu-args needs. */
export interface ResolvedDisk extends GuestDiskSpec {
  format: 'qcow2' | 'raw';
  media: 'disk' | 'cdrom';
  /**
   * Set for hot-plugged disks: the PCIe root port they sit on. A migration destination must
   * recreate them on the same port, so they stay in the spec the agent reports.
   */
  bus?: string;
}

/** A spec whose disks are resolved. */
export type ResolvedGuestSpec = Omit<GuestSpec, 'disks'> & { disks: ResolvedDisk[] };

/** cloud-init NoCloud input. */
export interface CloudInitSpec {
  /** The user data (`#cloud-config ...`), as in `spec.provisioning.userData`. */
  userData: string;
  instanceId?: string;
  localHostname?: string;
  /** Optional network-config v2 document. */
  networkConfig?: string;
}

/** A NIC on QEMU user networking (slirp). */
export interface GuestNicSpec {
  /** Stable id, e.g. `main`. */
  id: string;
  /** MAC address; QEMU picks one when omitted. */
  mac?: string;
  /** The leased IPv4 address the guest should get by DHCP. */
  ip?: string;
  /** Prefix length of the guest network (default 24). */
  prefixLength?: number;
  /** Loopback port forwards host:127.0.0.1:hostPort → guest:guestPort. */
  hostForwards?: { protocol: 'tcp' | 'udp'; hostPort: number; guestPort: number }[];
}

/** A spec failed validation; `problems` lists every field at fault. */
export class GuestSpecError extends Error {
  override readonly name = 'GuestSpecError';
  constructor(readonly problems: string[]) {
    super(`invalid guest spec: ${problems.join('; ')}`);
  }
}

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;

/** Throws GuestSpecError listing every problem of the spec. */
export function validateGuestSpec(spec: GuestSpec): void {
  const p: string[] = [];
  if (!spec.id) p.push('id: required');
  try {
    cpuTopology(spec.cpu.cores);
  } catch (e) {
    p.push(`cpu.cores: ${(e as Error).message}`);
  }
  if (!Number.isInteger(spec.memoryMiB) || spec.memoryMiB < 96) {
    p.push('memoryMiB: must be an integer of at least 96');
  }
  if (spec.disks.length === 0) p.push('disks: at least one block device is required');
  if (spec.disks.length > 16) p.push('disks: at most 16 block devices');
  const ids = new Set<string>();
  spec.disks.forEach((d, i) => {
    if (!d.id) p.push(`disks[${i}].id: required`);
    if (ids.has(d.id)) p.push(`disks[${i}].id: duplicate ${d.id}`);
    ids.add(d.id);
    if (!d.path.startsWith('/')) p.push(`disks[${i}].path: must be absolute`);
    if (d.kind === 'disk' && d.media === 'cdrom') p.push(`disks[${i}]: a disk cannot be a CD-ROM`);
  });
  const nicIds = new Set<string>();
  (spec.nics ?? []).forEach((n, i) => {
    if (nicIds.has(n.id)) p.push(`nics[${i}].id: duplicate ${n.id}`);
    nicIds.add(n.id);
    if (n.mac !== undefined && !MAC.test(n.mac)) p.push(`nics[${i}].mac: not a MAC address`);
    if (n.ip !== undefined && isIP(n.ip) !== 4) p.push(`nics[${i}].ip: not an IPv4 address`);
    const len = n.prefixLength ?? 24;
    if (!Number.isInteger(len) || len < 8 || len > 30) p.push(`nics[${i}].prefixLength: 8–30`);
  });
  if (spec.cloudInit && Buffer.byteLength(spec.cloudInit.userData) > 1024 * 1024) {
    p.push('cloudInit.userData: larger than 1 MiB');
  }
  if (p.length > 0) throw new GuestSpecError(p);
}

/**
 * Short QEMU identifiers derived from a disk id: node names are limited to 31 characters and a
 * restricted alphabet, while DVP names are up to 63 characters, so hash deterministically.
 */
export function diskNodeName(diskId: string): string {
  return `n${createHash('sha1').update(diskId).digest('hex').slice(0, 12)}`;
}

/** The `-device` id of a disk (see {@link diskNodeName}). */
export function diskDeviceId(diskId: string): string {
  return `v${createHash('sha1').update(diskId).digest('hex').slice(0, 12)}`;
}
