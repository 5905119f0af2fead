import { cpuTopology } from './cpu-topology.ts';
import type { GuestPaths } from './runtime-dir.ts';
import { diskDeviceId, diskNodeName, type ResolvedDisk, type ResolvedGuestSpec } from './spec.ts';
import { slirpNetwork } from './network.ts';

/** Options that vary between a normal start and a migration destination. */
export interface QemuArgsOptions {
  /** Start as a migration destination waiting for `migrate-incoming`. */
  incoming?: boolean;
  /** Path of the generated cidata seed image, when the spec has cloud-init data. */
  seedPath?: string;
}

/** Escapes a value for QEMU's comma-separated option syntax. */
export function qemuEscape(value: string): string {
  return value.replaceAll(',', ',,');
}

/**
 * Builds the QEMU command line (without the binary) for a guest. Pure: the same spec gives the
 * same devices, which live migration relies on (the destination must match the source exactly).
 */
export function buildQemuArgs(
  spec: ResolvedGuestSpec,
  paths: GuestPaths,
  options: QemuArgsOptions = {},
): string[] {
  const topo = cpuTopology(spec.cpu.cores);
  const machine = spec.machine ?? 'q35';
  const e = qemuEscape;
  const args = [
    '-name',
    `${e(spec.name ?? spec.id)},debug-threads=on`,
    '-machine',
    machine,
    '-accel',
    spec.accel ?? 'tcg',
    // A fixed model keeps guests migratable between agents (never `host`/`max`).
    '-cpu',
    'qemu64',
    '-smp',
    `cpus=${spec.cpu.cores},sockets=${topo.sockets},cores=${topo.coresPerSocket},threads=1`,
    '-m',
    String(spec.memoryMiB),
    '-nodefaults',
    '-no-user-config',
    '-msg',
    'timestamp=on',
    '-display',
    'none',
    '-vga',
    'std',
    '-vnc',
    `unix:${e(paths.vnc)}`,
    '-chardev',
    `socket,id=qmp,path=${e(paths.qmp)},server=on,wait=off`,
    '-mon',
    'chardev=qmp,mode=control',
    '-chardev',
    `socket,id=ser0,path=${e(paths.serial)},server=on,wait=off,logfile=${e(paths.serialLog)},logappend=on`,
    '-serial',
    'chardev:ser0',
    '-pidfile',
    paths.pidfile,
  ];
  if (machine === 'q35') {
    // Cold-plugged devices sit on pcie.0, which is not hotpluggable; keep empty root ports.
    for (let i = 0; i < (spec.hotplugSlots ?? 4); i++) {
      args.push('-device', `pcie-root-port,id=hp${i},bus=pcie.0,chassis=${i + 1}`);
    }
  }
  // Boot order is list order; hot-plugged disks (with a bus) take no part in booting.
  spec.disks.forEach((disk, i) => args.push(...diskArgs(disk, disk.bus ? undefined : i)));
  if (options.seedPath) {
    args.push(
      '-blockdev',
      JSON.stringify({
        driver: 'raw',
        'node-name': 'cidata',
        'read-only': true,
        file: { driver: 'file', filename: options.seedPath },
      }),
      '-device',
      'virtio-blk-pci,drive=cidata,id=cidata',
    );
  }
  for (const [i, nic] of (spec.nics ?? []).entries()) {
    const net = slirpNetwork(nic);
    const netdev = [`user,id=net${i},restrict=on`, ...net.options];
    for (const f of nic.hostForwards ?? []) {
      netdev.push(`hostfwd=${f.protocol}:127.0.0.1:${f.hostPort}-:${f.guestPort}`);
    }
    const mac = nic.mac ? `,mac=${nic.mac}` : '';
    args.push(
      '-netdev',
      netdev.join(','),
      '-device',
      `virtio-net-pci,netdev=net${i},id=nic${i}${mac}`,
    );
  }
  if (spec.guestAgent !== false) {
    args.push(
      '-chardev',
      `socket,id=qga0,path=${e(paths.qga)},server=on,wait=off`,
      '-device',
      'virtio-serial-pci,id=vser0',
      '-device',
      'virtserialport,bus=vser0.0,chardev=qga0,name=org.qemu.guest_agent.0',
    );
  }
  if (options.incoming) args.push('-incoming', 'defer');
  return args;
}

/** The -blockdev JSON of a disk (also used by hotplug). */
export function blockdevOptions(disk: ResolvedDisk) {
  const readOnly = disk.kind === 'image' || disk.media === 'cdrom';
  return {
    driver: disk.format,
    'node-name': diskNodeName(disk.id),
    'read-only': readOnly,
    // Images are shared by many guests and the migration destination opens disks too.
    file: { driver: 'file' as const, filename: disk.path },
  };
}

/** The `-device` properties of a disk (also used by hotplug, with a bus and no bootindex). */
export function deviceProperties(
  disk: ResolvedDisk,
  bootIndex?: number,
): Record<string, string | number> {
  const props: Record<string, string | number> = {
    driver: disk.media === 'cdrom' ? 'ide-cd' : 'virtio-blk-pci',
    drive: diskNodeName(disk.id),
    id: diskDeviceId(disk.id),
  };
  if (disk.media !== 'cdrom') props.serial = (disk.serial ?? disk.id).slice(0, 20);
  if (bootIndex !== undefined) props.bootindex = bootIndex;
  if (disk.bus !== undefined) props.bus = disk.bus;
  return props;
}

function diskArgs(disk: ResolvedDisk, bootIndex: number | undefined): string[] {
  const props = deviceProperties(disk, bootIndex);
  const { driver, ...rest } = props;
  const device = [
    String(driver),
    ...Object.entries(rest).map(([k, v]) => `${k}=${qemuEscape(String(v))}`),
  ];
  return ['-blockdev', JSON.stringify(blockdevOptions(disk)), '-device', device.join(',')];
}
