import { describe, expect, it } from 'vitest';
import { slirpNetwork } from './network.ts';
import { guestDirName, guestPaths } from './runtime-dir.ts';
import { diskNodeName, GuestSpecError, validateGuestSpec, type GuestSpec } from './spec.ts';

const ok: GuestSpec = {
  id: 'vm',
  cpu: { cores: 2 },
  memoryMiB: 128,
  disks: [{ id: 'root', path: '/d/root.qcow2', kind: 'disk' }],
};

describe('validateGuestSpec', () => {
  it('accepts a minimal spec', () => {
    expect(() => validateGuestSpec(ok)).not.toThrow();
  });

  it('lists every problem at once', () => {
    const bad: GuestSpec = {
      id: '',
      cpu: { cores: 0 },
      memoryMiB: 64,
      disks: [
        { id: 'a', path: 'relative.qcow2', kind: 'disk' },
        { id: 'a', path: '/x', kind: 'disk', media: 'cdrom' },
      ],
      nics: [
        { id: 'n', mac: 'zz', ip: '300.1.1.1' },
        { id: 'n', prefixLength: 31 },
      ],
    };
    let err: unknown;
    try {
      validateGuestSpec(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GuestSpecError);
    expect((err as GuestSpecError).problems).toEqual([
      'id: required',
      'cpu.cores: the requested number of cores must be a positive integer',
      'memoryMiB: must be an integer of at least 96',
      'disks[0].path: must be absolute',
      'disks[1].id: duplicate a',
      'disks[1]: a disk cannot be a CD-ROM',
      'nics[0].mac: not a MAC address',
      'nics[0].ip: not an IPv4 address',
      'nics[1].id: duplicate n',
      'nics[1].prefixLength: 8–30',
    ]);
  });

  it('rejects a VM without disks and with more than 16', () => {
    expect(() => validateGuestSpec({ ...ok, disks: [] })).toThrow(/at least one/);
    const many = Array.from({ length: 17 }, (_, i) => ({
      id: `d${i}`,
      path: `/d/${i}`,
      kind: 'disk' as const,
    }));
    expect(() => validateGuestSpec({ ...ok, disks: many })).toThrow(/at most 16/);
  });
});

describe('names and paths', () => {
  it('derives short, stable QEMU node names from any disk id', () => {
    const long = 'a-very-long-virtual-disk-name-that-is-exactly-sixty-three-chars';
    expect(diskNodeName(long)).toMatch(/^n[0-9a-f]{12}$/);
    expect(diskNodeName(long)).toBe(diskNodeName(long));
    expect(diskNodeName('a')).not.toBe(diskNodeName('b'));
  });

  it('keeps short ids readable and hashes long or unsafe ones', () => {
    expect(guestDirName('vm-1')).toBe('vm-1');
    expect(guestDirName('ns/vm')).toMatch(/^g-[0-9a-f]{16}$/);
    expect(guestDirName('0b8c5f3e-6a3f-4b61-9d2e-4a9d5c8b7e21')).toMatch(/^g-/);
  });

  it('refuses a runtime root too long for unix sockets', () => {
    expect(() => guestPaths(`/tmp/${'x'.repeat(100)}`, 'vm')).toThrow(/too long for unix sockets/);
  });
});

describe('slirpNetwork', () => {
  it('starts the DHCP pool at the leased address', () => {
    expect(slirpNetwork({ id: 'n', ip: '192.168.5.77', prefixLength: 16 }).options).toEqual([
      'net=192.168.0.0/16',
      'host=192.168.0.1',
      'dns=192.168.0.2',
      'dhcpstart=192.168.5.77',
    ]);
  });

  it('moves gateway and DNS out of the way of the lease', () => {
    const r = slirpNetwork({ id: 'n', ip: '10.0.0.1' });
    expect(r.options).toEqual([
      'net=10.0.0.0/24',
      'host=10.0.0.2',
      'dns=10.0.0.3',
      'dhcpstart=10.0.0.1',
    ]);
    expect(r.gateway).toBe('10.0.0.2');
  });

  it('rejects network and broadcast addresses, and needs no options without a lease', () => {
    expect(() => slirpNetwork({ id: 'n', ip: '10.0.0.0' })).toThrow(RangeError);
    expect(() => slirpNetwork({ id: 'n', ip: '10.0.0.255' })).toThrow(RangeError);
    expect(slirpNetwork({ id: 'n' }).options).toEqual([]);
  });
});
