import { describe, expect, it } from 'vitest';
import { runAdmission } from './index.ts';
import { memoryContext, nsd, req } from './testing.ts';

const vmbda = (name: string, disk: string, phase?: string) =>
  nsd('VirtualMachineBlockDeviceAttachment', name, {
    spec: { virtualMachineName: 'linux-vm', blockDeviceRef: { kind: 'VirtualDisk', name: disk } },
    ...(phase ? { status: { phase } } : {}),
  });
const vm = (devices: number) =>
  nsd('VirtualMachine', 'linux-vm', {
    spec: {
      blockDeviceRefs: Array.from({ length: devices }, (_, i) => ({
        kind: 'VirtualDisk',
        name: `d${i}`,
      })),
    },
  });

describe('VirtualMachineBlockDeviceAttachment admission', () => {
  it('allows up to 16 block devices per VM, spec and attachments together', () => {
    const ctx = memoryContext([vm(14), vmbda('a', 'x')]);
    expect(runAdmission(req(vmbda('b', 'y')), ctx).causes).toEqual([]);
  });

  it('refuses the 17th with a message naming the counts, ignoring Failed attachments', () => {
    const ctx = memoryContext([vm(15), vmbda('a', 'x'), vmbda('f', 'z', 'Failed')]);
    expect(runAdmission(req(vmbda('b', 'y')), ctx).causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: 'spec.virtualMachineName',
        message:
          'Forbidden: the virtual machine linux-vm would have 17 block devices (15 in its spec, 2 attached); at most 16 are allowed',
      },
    ]);
  });
});
