import type { KubeObject } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { addressOf, attachedVm, keepPatch, vmOwners } from './keep.ts';

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
  it('drops only the VM owners and carries the resourceVersion', () => {
    expect(keepPatch(vmip())).toEqual({
      metadata: {
        resourceVersion: '42',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'u2' }],
      },
    });
  });

  it("sends null (the seeds' patch) when no other owner is left", () => {
    const o = vmip();
    o.metadata.ownerReferences = o.metadata.ownerReferences?.slice(0, 1);
    expect(keepPatch(o).metadata.ownerReferences).toBeNull();
    expect(vmOwners(o)).toHaveLength(1);
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
