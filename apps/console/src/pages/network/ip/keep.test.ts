import type { KubeObject } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { addressOf, attachedVm, vmOwners, withoutVmOwners } from './keep.ts';

const vmip = (extra: Partial<KubeObject> & Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineIPAddress',
  metadata: {
    name: 'linux-vm-7prpx',
    resourceVersion: '42',
    ownerReferences: [
      {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachine',
        name: 'linux-vm',
        uid: 'u1',
      },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'u2' },
    ],
  },
  ...extra,
});

describe('keep the address after VM deletion', () => {
  it('drops only the VM owners, and changes nothing when no VM owns the address', () => {
    const refs = vmip().metadata.ownerReferences ?? [];
    expect(withoutVmOwners(refs)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'u2' },
    ]);
    expect(withoutVmOwners(refs.slice(0, 1))).toEqual([]);
    expect(vmOwners(vmip())).toHaveLength(1);
    expect(withoutVmOwners(refs.slice(1))).toBeUndefined();
  });

  it('reads the bound address first, then the requested one, and the attached VM', () => {
    expect(addressOf(vmip({ spec: { type: 'Static', staticIP: '10.66.20.77' } }))).toBe(
      '10.66.20.77',
    );
    const bound = vmip({
      spec: { type: 'Auto' },
      status: { address: '10.66.10.14', phase: 'Attached', virtualMachineName: 'linux-vm' },
    });
    expect(addressOf(bound)).toBe('10.66.10.14');
    expect(attachedVm(bound)).toBe('linux-vm');
    expect(attachedVm(vmip({ status: { phase: 'Bound' } }))).toBeUndefined();
  });
});
