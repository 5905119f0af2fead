import type { VirtualMachine, VmDetail } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { valuesFromDetail } from './detail-values.ts';
import { ipOwners, planChanges, staticIpName } from './plan.ts';

const vm = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name: 'vm1', namespace: 'demo', resourceVersion: '7', uid: 'u1' },
  spec: {
    virtualMachineClassName: 'generic',
    runPolicy: 'AlwaysOnUnlessStoppedManually',
    disruptions: { restartApprovalMode: 'Manual' },
    cpu: { cores: 1, coreFraction: '10%' },
    memory: { size: '1Gi' },
    blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
  },
} as unknown as VirtualMachine;

const detail = {
  vm,
  disks: [
    {
      metadata: { name: 'root', resourceVersion: '3' },
      spec: { persistentVolumeClaim: { size: '1Gi' } },
    },
    {
      metadata: { name: 'data', resourceVersion: '4' },
      spec: { persistentVolumeClaim: { size: '1Gi' } },
    },
  ],
  attachments: [
    {
      metadata: { name: 'vm1-data' },
      spec: { virtualMachineName: 'vm1', blockDeviceRef: { kind: 'VirtualDisk', name: 'data' } },
    },
  ],
  ipAddress: {
    metadata: {
      name: 'vm1-abcde',
      resourceVersion: '9',
      ownerReferences: [{ apiVersion: 'x', kind: 'VirtualMachine', name: 'vm1', uid: 'u1' }],
    },
  },
} as unknown as VmDetail;

describe('planChanges', () => {
  it('is empty for the values of the VM as loaded', () => {
    const p = planChanges(vm, detail, valuesFromDetail(detail));
    expect(p).toEqual({ specPatch: undefined, diff: [], ops: [] });
  });

  it('lists the separate calls: resize (with resourceVersion), attach, detach, delete, keep IP', () => {
    const v = valuesFromDetail(detail);
    const p = planChanges(vm, detail, {
      ...v,
      sizes: v.sizes.map((s) => (s.name === 'root' ? { ...s, size: '2Gi' } : s)),
      attach: ['spare'],
      detach: ['vm1-data'],
      deleteDisks: ['old'],
      keepIp: true,
    });
    expect(p.specPatch).toBeUndefined();
    expect(p.ops).toEqual([
      { kind: 'resize', disk: 'root', from: '1Gi', to: '2Gi', resourceVersion: '3' },
      { kind: 'attach', disk: 'spare' },
      { kind: 'detach', attachment: 'vm1-data', disk: 'data' },
      { kind: 'deleteDisk', disk: 'old' },
      { kind: 'keepIp', vmip: 'vm1-abcde', keep: true },
    ]);
  });

  it('creates a Static VMIP and points the VM at it', () => {
    const p = planChanges(vm, detail, { ...valuesFromDetail(detail), newStaticIp: '10.66.10.20' });
    const name = staticIpName('vm1', '10.66.10.20');
    expect(name).toBe('vm1-ip-10-66-10-20');
    expect(p.ops).toEqual([{ kind: 'createIp', name, ip: '10.66.10.20' }]);
    expect(p.diff).toEqual([
      { path: 'spec.virtualMachineIPAddressName', before: undefined, after: name },
    ]);
  });
});

describe('ipOwners (keep the IP address after the VM is deleted)', () => {
  const mine = { apiVersion: 'x', kind: 'VirtualMachine', name: 'vm1', uid: 'u1' };
  const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'u2' };
  const otherVm = { apiVersion: 'x', kind: 'VirtualMachine', name: 'vm2', uid: 'u3' };

  it('keep drops only this VM as owner; nothing to change when it is not one', () => {
    expect(ipOwners([mine, other, otherVm], vm, true)).toEqual([other, otherVm]);
    expect(ipOwners([other], vm, true)).toBeUndefined();
  });

  it('un-keep puts this VM back as owner next to the others; nothing when it already is', () => {
    expect(ipOwners([other], vm, false)).toEqual([
      other,
      {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachine',
        name: 'vm1',
        uid: 'u1',
      },
    ]);
    expect(ipOwners([mine], vm, false)).toBeUndefined();
  });
});
