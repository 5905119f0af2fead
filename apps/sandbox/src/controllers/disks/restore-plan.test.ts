import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types.ts';
import {
  findConflicts,
  leaseName,
  missingImages,
  planRestore,
  renameOf,
  type SnapshotContent,
} from './restore-plan.ts';

const content: SnapshotContent = {
  vm: {
    name: 'linux-vm',
    spec: {
      runPolicy: 'AlwaysOff',
      virtualMachineIPAddressName: 'linux-vm-ip',
      provisioning: { type: 'UserDataRef', userDataRef: { kind: 'Secret', name: 'cloud-init' } },
      blockDeviceRefs: [
        { kind: 'VirtualDisk', name: 'linux-vm-root' },
        { kind: 'VirtualImage', name: 'tools' },
      ],
    },
  },
  disks: [
    {
      name: 'linux-vm-root',
      snapshot: 'linux-vm-root-1234',
      size: '1Gi',
      storageClassName: 'sandbox-shared',
    },
    { name: 'blank-disk', snapshot: 'blank-disk-1234' },
  ],
  vmip: { name: 'linux-vm-ip', type: 'Static', address: '10.66.10.5' },
  provisioning: { name: 'cloud-init', data: { userData: 'I2Nsb3VkLWNvbmZpZw==' } },
  vmbdas: [
    {
      name: 'attach-blank-disk',
      spec: {
        virtualMachineName: 'linux-vm',
        blockDeviceRef: { kind: 'VirtualDisk', name: 'blank-disk' },
      },
    },
  ],
};

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name },
  ...extra,
});

describe('renameOf', () => {
  it('prefers a replacement of the same kind, then a kind-less one, then prefix and suffix', () => {
    const r = {
      replacements: [
        { from: { name: 'a' }, to: 'any-kind' },
        { from: { kind: 'VirtualDisk', name: 'a' }, to: { name: 'disk-a' } },
      ],
      prefix: 'p-',
      suffix: '-s',
    };
    expect(renameOf(r, 'VirtualDisk', 'a')).toBe('disk-a');
    expect(renameOf(r, 'VirtualMachine', 'a')).toBe('any-kind');
    expect(renameOf(r, 'VirtualMachine', 'b')).toBe('p-b-s');
    expect(renameOf({}, 'Secret', 'x')).toBe('x');
  });
});

describe('planRestore', () => {
  const r = {
    replacements: [
      { from: { kind: 'VirtualMachine', name: 'linux-vm' }, to: 'linux-vm-2' },
      { from: { kind: 'VirtualDisk', name: 'linux-vm-root' }, to: 'linux-vm-root-2' },
      { from: { kind: 'VirtualDisk', name: 'blank-disk' }, to: 'blank-disk-2' },
      {
        from: { kind: 'VirtualMachineBlockDeviceAttachment', name: 'attach-blank-disk' },
        to: 'attach-blank-disk-2',
      },
    ],
  };

  it('renames every resource and rewrites the references between them', () => {
    const plan = planRestore(content, r, { namespace: 'demo', keepIPAddress: true });
    expect(plan.map((p) => `${p.kind}/${p.name}`)).toEqual([
      'Secret/cloud-init',
      'VirtualMachineIPAddress/linux-vm-ip',
      'VirtualDisk/linux-vm-root-2',
      'VirtualDisk/blank-disk-2',
      'VirtualMachine/linux-vm-2',
      'VirtualMachineBlockDeviceAttachment/attach-blank-disk-2',
    ]);
    const vm = plan.find((p) => p.kind === 'VirtualMachine')?.object as unknown as {
      spec: Record<string, unknown>;
    };
    expect(vm.spec.blockDeviceRefs).toEqual([
      { kind: 'VirtualDisk', name: 'linux-vm-root-2' },
      { kind: 'VirtualImage', name: 'tools' },
    ]);
    expect(vm.spec.virtualMachineIPAddressName).toBe('linux-vm-ip');
    const disk = plan.find((p) => p.name === 'linux-vm-root-2')?.object as unknown as {
      spec: unknown;
    };
    expect(disk.spec).toEqual({
      persistentVolumeClaim: { size: '1Gi', storageClassName: 'sandbox-shared' },
      dataSource: {
        type: 'ObjectRef',
        objectRef: { kind: 'VirtualDiskSnapshot', name: 'linux-vm-root-1234' },
      },
    });
    const vmip = plan.find((p) => p.kind === 'VirtualMachineIPAddress')?.object as unknown as {
      spec: unknown;
    };
    expect(vmip.spec).toEqual({ type: 'Static', staticIP: '10.66.10.5' });
    const vmbda = plan.find((p) => p.kind === 'VirtualMachineBlockDeviceAttachment')
      ?.object as unknown as {
      spec: unknown;
    };
    expect(vmbda.spec).toEqual({
      virtualMachineName: 'linux-vm-2',
      blockDeviceRef: { kind: 'VirtualDisk', name: 'blank-disk-2' },
    });
    // The snapshot content itself is untouched.
    expect((content.vm.spec.blockDeviceRefs as { name: string }[])[0]?.name).toBe('linux-vm-root');
  });

  it('clones without the IP address and with prefixed secrets, and drops missing images in BestEffort', () => {
    const plan = planRestore(
      content,
      { prefix: 'copy-' },
      { namespace: 'demo', keepIPAddress: false, dropRefs: new Set(['VirtualImage/tools']) },
    );
    expect(plan.some((p) => p.kind === 'VirtualMachineIPAddress')).toBe(false);
    const vm = plan.find((p) => p.kind === 'VirtualMachine');
    expect(vm?.name).toBe('copy-linux-vm');
    const spec = (vm?.object as unknown as { spec: Record<string, unknown> }).spec;
    expect(spec.virtualMachineIPAddressName).toBeUndefined();
    expect(spec.provisioning).toEqual({
      type: 'UserDataRef',
      userDataRef: { kind: 'Secret', name: 'copy-cloud-init' },
    });
    expect(spec.blockDeviceRefs).toEqual([{ kind: 'VirtualDisk', name: 'copy-linux-vm-root' }]);
  });
});

describe('findConflicts', () => {
  const plan = planRestore(content, {}, { namespace: 'demo', keepIPAddress: true });

  it('reports every existing target, but not identical secrets or overwritten objects', () => {
    const existing = new Map<string, KubeObject>([
      ['VirtualMachine/linux-vm', obj('VirtualMachine', 'linux-vm')],
      ['VirtualDisk/linux-vm-root', obj('VirtualDisk', 'linux-vm-root')],
      [
        'Secret/cloud-init',
        obj('Secret', 'cloud-init', { data: { userData: 'I2Nsb3VkLWNvbmZpZw==' } }),
      ],
    ]);
    const get = (k: string, n: string) => existing.get(`${k}/${n}`);
    expect(findConflicts(plan, get).map((c) => c.message)).toEqual([
      'VirtualDisk linux-vm-root already exists',
      'VirtualMachine linux-vm already exists',
    ]);
    const overwrite = new Set(['VirtualMachine/linux-vm', 'VirtualDisk/linux-vm-root']);
    expect(findConflicts(plan, get, overwrite)).toEqual([]);
  });

  it('refuses a different secret, a VMIP used by another VM, and an address leased elsewhere', () => {
    const secret = obj('Secret', 'cloud-init', { data: { userData: 'b3RoZXI=' } });
    const vmip = obj('VirtualMachineIPAddress', 'linux-vm-ip', {
      status: { virtualMachineName: 'other', address: '10.66.10.5' },
    });
    const get1 = (k: string) =>
      k === 'Secret' ? secret : k === 'VirtualMachineIPAddress' ? vmip : undefined;
    expect(findConflicts(plan, get1).map((c) => c.message)).toEqual([
      'Secret cloud-init already exists with different data',
      'VirtualMachineIPAddress linux-vm-ip is attached to another VirtualMachine (other)',
    ]);
    const lease = obj('VirtualMachineIPAddressLease', leaseName('10.66.10.5'), {
      spec: { virtualMachineIPAddressRef: { name: 'someone-else', namespace: 'demo' } },
    });
    const get2 = (k: string, n: string) =>
      k === 'VirtualMachineIPAddressLease' && n === 'ip-10-66-10-5' ? lease : undefined;
    expect(findConflicts(plan, get2).map((c) => c.message)).toEqual([
      'the address 10.66.10.5 is in use by VirtualMachineIPAddress someone-else',
    ]);
  });

  it('lists the images the VM uses that do not exist', () => {
    expect(missingImages(content, () => undefined)).toEqual(['VirtualImage/tools']);
    expect(missingImages(content, (k, n) => obj(k, n))).toEqual([]);
  });
});
