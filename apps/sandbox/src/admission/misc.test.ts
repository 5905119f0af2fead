import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import {
  admissionPlugins,
  runAdmission,
  runMutatingAdmission,
  runValidatingAdmission,
} from './index.ts';
import { dvp, edited, memoryContext, nsd, req } from './testing.ts';
import type { AdmissionPlugin } from './types.ts';

describe('write-once specs', () => {
  it.each([
    [
      'VirtualMachineBlockDeviceAttachment',
      { virtualMachineName: 'vm', blockDeviceRef: { kind: 'VirtualDisk', name: 'd' } },
    ],
    ['VirtualDiskSnapshot', { virtualDiskName: 'd', requiredConsistency: true }],
    [
      'VirtualMachineSnapshot',
      { virtualMachineName: 'vm', requiredConsistency: true, keepIPAddress: 'Always' },
    ],
  ])('%s refuses spec changes but not metadata changes', (kind, spec) => {
    const obj = nsd(kind, 'x', { spec });
    const changed = edited(obj, (o) => ((o.spec as Record<string, unknown>).extra = 1));
    expect(runAdmission(req(changed, obj), memoryContext([])).causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: 'spec',
        message: `${kind} is an idempotent resource: specification changes are not available`,
      },
    ]);
    const labelled = edited(obj, (o) => (o.metadata.labels = { a: 'b' }));
    expect(runAdmission(req(labelled, obj), memoryContext([])).causes).toEqual([]);
    expect(runAdmission(req(obj), memoryContext([])).causes).toEqual([]);
  });

  it('VMSOP uses the CEL wording', () => {
    const op = nsd('VirtualMachineSnapshotOperation', 'x', {
      spec: { type: 'CreateVirtualMachine', virtualMachineSnapshotName: 's' },
    });
    const changed = edited(
      op,
      (o) => ((o.spec as Record<string, unknown>).virtualMachineSnapshotName = 't'),
    );
    expect(runAdmission(req(changed, op), memoryContext([])).causes[0]?.message).toBe(
      'Invalid value: "object": .spec is immutable',
    );
  });
});

describe('Project', () => {
  const project = (name: string): KubeObject => ({
    apiVersion: 'deckhouse.io/v1alpha2',
    kind: 'Project',
    metadata: { name },
    spec: {},
  });

  it('limits names to 53 characters', () => {
    expect(runAdmission(req(project('p'.repeat(53))), memoryContext([])).causes).toEqual([]);
    expect(runAdmission(req(project('p'.repeat(54))), memoryContext([])).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${'p'.repeat(54)}": must be no more than 53 characters`,
      },
    ]);
  });
});

describe('runAdmission', () => {
  it('runs every matching mutate before any validate and concatenates results', () => {
    const calls: string[] = [];
    const plugin = (id: string): AdmissionPlugin => ({
      group: 'g',
      kind: 'K',
      mutate: () => void calls.push(`mutate ${id}`),
      validate: () => {
        calls.push(`validate ${id}`);
        return {
          causes: [{ reason: 'FieldValueInvalid', field: id, message: 'm' }],
          warnings: [id],
        };
      },
    });
    const other: AdmissionPlugin = {
      group: 'g',
      kind: 'Other',
      validate: () => ({
        causes: [{ reason: 'FieldValueInvalid', field: 'x', message: 'x' }],
        warnings: [],
      }),
    };
    const obj: KubeObject = { apiVersion: 'g/v1', kind: 'K', metadata: { name: 'n' } };
    const r = runAdmission(req(obj), memoryContext([]), [plugin('a'), other, plugin('b')]);
    expect(calls).toEqual(['mutate a', 'mutate b', 'validate a', 'validate b']);
    expect(r).toEqual({
      causes: [
        { reason: 'FieldValueInvalid', field: 'a', message: 'm' },
        { reason: 'FieldValueInvalid', field: 'b', message: 'm' },
      ],
      warnings: ['a', 'b'],
    });
  });

  it('exposes the two phases separately so mutation can precede schema validation', () => {
    const vm = dvp(
      'VirtualMachine',
      'vm',
      { spec: { cpu: { cores: 1 }, memory: { size: '1Gi' } } },
      { namespace: 'ns' },
    );
    const cls = dvp(
      'VirtualMachineClass',
      'generic',
      { spec: { cpu: { type: 'Host' } } },
      {
        annotations: { 'virtualmachineclass.virtualization.deckhouse.io/is-default-class': 'true' },
      },
    );
    const ctx = memoryContext([cls]);
    runMutatingAdmission(req(vm), ctx);
    expect(vm.spec).toMatchObject({
      virtualMachineClassName: 'generic',
      cpu: { coreFraction: '100%' },
    });
    expect(runValidatingAdmission(req(vm), ctx)).toEqual({ causes: [], warnings: [] });
  });

  it('lets kinds without plugins through', () => {
    expect(runAdmission(req(nsd('VirtualMachinePool', 'p')), memoryContext([]))).toEqual({
      causes: [],
      warnings: [],
    });
  });

  it('skips DELETE requests', () => {
    const vm = dvp(
      'VirtualMachine',
      'v'.repeat(80),
      { spec: { cpu: { cores: 17 } } },
      { namespace: 'ns' },
    );
    expect(runAdmission(req(vm, vm, { operation: 'DELETE' }), memoryContext([])).causes).toEqual(
      [],
    );
  });

  it('registers plugins for every kind with webhooks', () => {
    expect([...new Set(admissionPlugins.map((p) => p.kind))].sort()).toEqual([
      'ClusterVirtualImage',
      'ModuleConfig',
      'Pod',
      'Project',
      'VirtualDisk',
      'VirtualDiskSnapshot',
      'VirtualImage',
      'VirtualMachine',
      'VirtualMachineBlockDeviceAttachment',
      'VirtualMachineClass',
      'VirtualMachineIPAddress',
      'VirtualMachineMACAddress',
      'VirtualMachineOperation',
      'VirtualMachineSnapshot',
      'VirtualMachineSnapshotOperation',
    ]);
  });
});
