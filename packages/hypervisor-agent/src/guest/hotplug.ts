import { isQmpError } from '../qmp/errors.ts';
import type { QmpEvent } from '../qmp/commands.ts';
import type { Guest } from './guest.ts';
import { blockdevOptions, deviceProperties } from './qemu-args.ts';
import { diskDeviceId, diskNodeName, type GuestDiskSpec } from './spec.ts';
import { resolveDisk } from './resolve.ts';

/** A hotplug request could not be carried out. */
export class HotplugError extends Error {
  override readonly name = 'HotplugError';
}

/**
 * Adds a disk or image to a running guest: `blockdev-add` for the backend, then `device_add`
 * of a virtio-blk device on a free PCIe root port (q35) or on pci.0 (pc). ISO images are
 * attached as read-only virtio disks: AHCI CD-ROMs cannot be hot-plugged.
 */
export async function hotplugDisk(
  guest: Guest,
  disk: GuestDiskSpec,
  qemuImg?: string,
): Promise<void> {
  if (guest.spec.disks.some((d) => d.id === disk.id)) {
    throw new HotplugError(`disk ${disk.id} is already attached`);
  }
  const resolved = { ...(await resolveDisk(disk, qemuImg)), media: 'disk' as const };
  const bus = (guest.spec.machine ?? 'q35') === 'q35' ? freeRootPort(guest) : 'pci.0';
  const node = blockdevOptions(resolved);
  await guest.monitor.execute('blockdev-add', node);
  try {
    const { driver, ...props } = deviceProperties(resolved);
    await guest.monitor.execute('device_add', {
      driver: String(driver),
      ...props,
      id: diskDeviceId(disk.id),
      bus,
    });
  } catch (err) {
    await guest.monitor
      .execute('blockdev-del', { 'node-name': node['node-name'] })
      .catch(() => undefined);
    throw err;
  }
  await guest.updateSpec({ ...guest.spec, disks: [...guest.spec.disks, { ...resolved, bus }] });
}

/**
 * Removes a disk from a running guest: `device_del`, wait for DEVICE_DELETED (the guest has to
 * release the device), then `blockdev-del`.
 */
export async function unplugDisk(guest: Guest, diskId: string, timeoutMs = 30_000): Promise<void> {
  if (!guest.spec.disks.some((d) => d.id === diskId)) {
    throw new HotplugError(`disk ${diskId} is not attached`);
  }
  const id = diskDeviceId(diskId);
  const ac = new AbortController();
  const deleted = waitForEvent(
    guest.monitor.events(ac.signal),
    (e) => e.event === 'DEVICE_DELETED' && e.data?.device === id,
  );
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    await guest.monitor.execute('device_del', { id });
    if (!(await deleted))
      throw new HotplugError(`guest did not release disk ${diskId} within ${timeoutMs} ms`);
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  try {
    await guest.monitor.execute('blockdev-del', { 'node-name': diskNodeName(diskId) });
  } catch (err) {
    // QEMU may have dropped the node along with the device already.
    if (!isQmpError(err)) throw err;
  }
  await guest.updateSpec({ ...guest.spec, disks: guest.spec.disks.filter((d) => d.id !== diskId) });
}

/** Grows an attached disk online (`block_resize`); the guest sees the new size at once. */
export async function resizeDisk(guest: Guest, diskId: string, sizeBytes: number): Promise<void> {
  const disk = guest.spec.disks.find((d) => d.id === diskId);
  if (!disk) throw new HotplugError(`disk ${diskId} is not attached`);
  if (disk.kind === 'image') throw new HotplugError(`image ${diskId} is read-only`);
  await guest.monitor.execute('block_resize', {
    'node-name': diskNodeName(diskId),
    size: sizeBytes,
  });
}

function freeRootPort(guest: Guest): string {
  const used = new Set(guest.spec.disks.flatMap((d) => (d.bus ? [d.bus] : [])));
  for (let i = 0; i < (guest.spec.hotplugSlots ?? 4); i++) {
    if (!used.has(`hp${i}`)) return `hp${i}`;
  }
  throw new HotplugError('no free hotplug slot (all PCIe root ports in use)');
}

async function waitForEvent(
  events: AsyncIterableIterator<QmpEvent>,
  match: (e: QmpEvent) => boolean,
): Promise<boolean> {
  for await (const e of events) if (match(e)) return true;
  return false;
}
