import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dvp/api';
import {
  duplicateTargets,
  keyOf,
  restoredVmName,
  restoreOperationBody,
  snapshotResources,
  targetNameProblem,
  type SnapshotResource,
} from './restore-model.ts';

const snap: KubeObject = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineSnapshot',
  metadata: { name: 'linux-vm-snapshot', namespace: 'demo' },
  status: {
    phase: 'Ready',
    resources: [
      { kind: 'VirtualMachine', name: 'linux-vm' },
      { kind: 'VirtualDisk', name: 'linux-vm-root' },
      { kind: 'VirtualMachineIPAddress', name: 'linux-vm-ip' },
    ],
  },
};

describe('restore to a new VM', () => {
  const resources = snapshotResources(snap);
  const names: Record<string, string> = {
    'VirtualMachine/linux-vm': 'linux-vm-2',
    'VirtualDisk/linux-vm-root': 'linux-vm-root-2',
  };
  const toOf = (r: SnapshotResource) => names[keyOf(r)] ?? r.name;

  it('replaces every renamable resource, in the CRD spelling, Strict', () => {
    const body = restoreOperationBody('linux-vm-snapshot', resources, toOf);
    expect(body.spec).toEqual({
      type: 'CreateVirtualMachine',
      virtualMachineSnapshotName: 'linux-vm-snapshot',
      createVirtualMachine: {
        mode: 'Strict',
        nameReplacement: [
          { from: { kind: 'VirtualMachine', name: 'linux-vm' }, to: 'linux-vm-2' },
          { from: { kind: 'VirtualDisk', name: 'linux-vm-root' }, to: 'linux-vm-root-2' },
        ],
      },
    });
    expect(restoredVmName(resources, toOf)).toBe('linux-vm-2');
  });

  it('finds two resources of one kind renamed to the same name', () => {
    const two = [...resources, { kind: 'VirtualDisk', name: 'data' }];
    const dup = duplicateTargets(two, (r) => (r.kind === 'VirtualDisk' ? 'same' : r.name));
    expect([...dup].sort()).toEqual(['VirtualDisk/data', 'VirtualDisk/linux-vm-root']);
    expect(duplicateTargets(resources, toOf).size).toBe(0);
  });

  it('checks new names (required, ≤ 59 characters, DNS)', () => {
    expect(targetNameProblem('VirtualMachine', '')?.id).toBe('required');
    expect(targetNameProblem('VirtualMachine', 'a'.repeat(60))?.id).toBe('tooLong');
    expect(targetNameProblem('VirtualMachine', 'Bad_Name')?.id).toBe('invalid');
    expect(targetNameProblem('VirtualMachine', 'ok-name')).toBeUndefined();
  });
});
