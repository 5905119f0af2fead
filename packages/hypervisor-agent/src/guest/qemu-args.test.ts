import { describe, expect, it } from 'vitest';
import { buildQemuArgs, qemuEscape } from './qemu-args.ts';
import { guestPaths } from './runtime-dir.ts';
import { diskDeviceId, diskNodeName, type ResolvedGuestSpec } from './spec.ts';

const paths = guestPaths('/run/agent', 'vm1');
const spec: ResolvedGuestSpec = {
  id: 'vm1',
  name: 'ns/vm1',
  cpu: { cores: 18 },
  memoryMiB: 256,
  disks: [
    { id: 'root', path: '/d/root.qcow2', kind: 'disk', format: 'qcow2', media: 'disk' },
    { id: 'cd', path: '/i/x.iso', kind: 'image', format: 'raw', media: 'cdrom' },
    { id: 'img', path: '/i/tools.raw', kind: 'image', format: 'raw', media: 'disk' },
  ],
  nics: [
    {
      id: 'main',
      ip: '10.66.0.23',
      mac: '52:54:00:00:00:01',
      hostForwards: [{ protocol: 'tcp', hostPort: 18080, guestPort: 80 }],
    },
  ],
};

/** The value following `flag`, for every occurrence. */
function values(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag ? [args[i + 1] ?? ''] : []));
}

describe('buildQemuArgs', () => {
  const args = buildQemuArgs(spec, paths, { seedPath: paths.seed });

  it('uses TCG, a migratable CPU model and DVP’s socket topology', () => {
    expect(values(args, '-accel')).toEqual(['tcg']);
    expect(values(args, '-cpu')).toEqual(['qemu64']);
    expect(values(args, '-smp')).toEqual(['cpus=18,sockets=2,cores=9,threads=1']);
    expect(values(args, '-m')).toEqual(['256']);
    expect(args).toContain('-nodefaults');
  });

  it('puts VNC, QMP, serial and the guest agent on unix sockets in the runtime dir', () => {
    expect(values(args, '-vnc')).toEqual([`unix:${paths.vnc}`]);
    expect(args.join(' ')).not.toContain('websocket');
    const chardevs = values(args, '-chardev');
    expect(chardevs).toContain(`socket,id=qmp,path=${paths.qmp},server=on,wait=off`);
    expect(chardevs.find((c) => c.startsWith('socket,id=ser0'))).toContain(
      `logfile=${paths.serialLog}`,
    );
    expect(chardevs.find((c) => c.startsWith('socket,id=qga0'))).toContain(paths.qga);
    expect(values(args, '-pidfile')).toEqual([paths.pidfile]);
  });

  it('attaches disks in boot order, images read-only and the ISO as a CD-ROM', () => {
    const blockdevs = values(args, '-blockdev').map(
      (b) => JSON.parse(b) as Record<string, unknown>,
    );
    expect(blockdevs.map((b) => [b['node-name'], b.driver, b['read-only']])).toEqual([
      [diskNodeName('root'), 'qcow2', false],
      [diskNodeName('cd'), 'raw', true],
      [diskNodeName('img'), 'raw', true],
      ['cidata', 'raw', true],
    ]);
    const devices = values(args, '-device');
    expect(devices).toContain(
      `virtio-blk-pci,drive=${diskNodeName('root')},id=${diskDeviceId('root')},serial=root,bootindex=0`,
    );
    expect(devices).toContain(
      `ide-cd,drive=${diskNodeName('cd')},id=${diskDeviceId('cd')},bootindex=1`,
    );
    expect(devices.filter((d) => d.startsWith('pcie-root-port'))).toHaveLength(4);
  });

  it('gives the NIC the leased address by DHCP, isolated, with loopback-only forwards', () => {
    expect(values(args, '-netdev')).toEqual([
      'user,id=net0,restrict=on,net=10.66.0.0/24,host=10.66.0.1,dns=10.66.0.2,dhcpstart=10.66.0.23,' +
        'hostfwd=tcp:127.0.0.1:18080-:80',
    ]);
    expect(values(args, '-device')).toContain(
      'virtio-net-pci,netdev=net0,id=nic0,mac=52:54:00:00:00:01',
    );
  });

  it('starts a migration destination with -incoming defer and identical devices', () => {
    const dest = buildQemuArgs(spec, paths, { seedPath: paths.seed, incoming: true });
    expect(dest.slice(0, -2)).toEqual(args);
    expect(dest.slice(-2)).toEqual(['-incoming', 'defer']);
  });

  it('recreates hot-plugged disks on their root port without a boot index', () => {
    const hot = buildQemuArgs(
      {
        ...spec,
        disks: [
          ...spec.disks,
          {
            id: 'hot',
            path: '/d/h.qcow2',
            kind: 'disk',
            format: 'qcow2',
            media: 'disk',
            bus: 'hp0',
          },
        ],
      },
      paths,
    );
    expect(values(hot, '-device')).toContain(
      `virtio-blk-pci,drive=${diskNodeName('hot')},id=${diskDeviceId('hot')},serial=hot,bus=hp0`,
    );
  });

  it('leaves out root ports on i440fx and the agent channel when disabled', () => {
    const pc = buildQemuArgs({ ...spec, machine: 'pc', guestAgent: false }, paths);
    expect(values(pc, '-machine')).toEqual(['pc']);
    expect(pc.join(' ')).not.toContain('pcie-root-port');
    expect(pc.join(' ')).not.toContain('guest_agent');
  });

  it('escapes commas in option values', () => {
    expect(qemuEscape('/a,b/c')).toBe('/a,,b/c');
    const odd = buildQemuArgs(spec, guestPaths('/run/a,b', 'vm1'));
    expect(values(odd, '-vnc')).toEqual(['unix:/run/a,,b/vm1/vnc.sock']);
  });
});
