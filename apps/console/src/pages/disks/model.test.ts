import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dvp/api';
import {
  attachedVmsOf,
  currentSizeOf,
  growProblem,
  resizePatch,
  roundUpToMi,
  sourceOf,
  storageClassOf,
} from './model.ts';

const disk = (spec: unknown, status: unknown = {}): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualDisk',
  metadata: { name: 'd', namespace: 'demo', resourceVersion: '7' },
  spec,
  status,
});

describe('disk model', () => {
  it('reads attached VMs, storage class and source', () => {
    const d = disk(
      {
        persistentVolumeClaim: { storageClassName: 'asked' },
        dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
      },
      { storageClassName: 'used', attachedToVirtualMachines: [{ name: 'vm-a' }, { name: 'vm-b' }] },
    );
    expect(attachedVmsOf(d)).toEqual(['vm-a', 'vm-b']);
    expect(storageClassOf(d)).toBe('used');
    expect(storageClassOf(disk({ persistentVolumeClaim: { storageClassName: 'asked' } }))).toBe(
      'asked',
    );
    expect(sourceOf(d)).toEqual({ type: 'ObjectRef', kind: 'VirtualImage', name: 'ubuntu' });
    expect(sourceOf(disk({}))).toEqual({ type: 'blank' });
  });

  it('rounds an unpacked size up to whole MiB in the largest exact unit', () => {
    expect(roundUpToMi(1024n ** 3n)).toBe('1Gi');
    expect(roundUpToMi(2_727_000_000n)).toBe('2601Mi');
    expect(roundUpToMi(1n)).toBe('1Mi');
  });

  it('only grows: refuses equal, smaller and malformed sizes', () => {
    expect(growProblem('10Gi', '11Gi')).toBeUndefined();
    expect(growProblem('10Gi', '10240Mi')).toBe('notLarger');
    expect(growProblem('10Gi', '5Gi')).toBe('notLarger');
    expect(growProblem('10Gi', 'ten')).toBe('format');
    expect(growProblem('10Gi', '0')).toBe('format');
    expect(growProblem(undefined, '1Gi')).toBeUndefined();
  });

  it('starts a resize from the larger of capacity and request, patching with the resourceVersion', () => {
    const d = disk({ persistentVolumeClaim: { size: '12Gi' } }, { capacity: '10Gi' });
    expect(currentSizeOf(d)).toBe('12Gi');
    expect(currentSizeOf(disk({}, { capacity: '3Gi' }))).toBe('3Gi');
    expect(resizePatch(d, ' 20Gi ')).toEqual({
      metadata: { resourceVersion: '7' },
      spec: { persistentVolumeClaim: { size: '20Gi' } },
    });
  });
});
