import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dvp/api';
import {
  checkValues,
  defaultSizeFor,
  diskBody,
  imageBytes,
  sourceFromParam,
  sourceParam,
  type CreateDiskValues,
} from './model.ts';

const image = (size: Record<string, string>): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualImage',
  metadata: { name: 'ubuntu' },
  status: { size },
});

const values = (v: Partial<CreateDiskValues>): CreateDiskValues => ({
  name: 'linux-disk',
  sourceKind: 'VirtualImage',
  sourceName: 'ubuntu',
  size: '',
  storageClass: '',
  ...v,
});

describe('create disk model', () => {
  it('takes the default size from the exact unpacked bytes, rounded up', () => {
    // `2.5Gi` is DVP's rounded text of 2.54 GiB: the byte count wins.
    const img = image({ unpacked: '2.5Gi', unpackedBytes: '2727000000' });
    expect(imageBytes(img)).toBe(2_727_000_000n);
    expect(defaultSizeFor(img)).toBe('2601Mi');
    expect(defaultSizeFor(image({ unpacked: '300Mi' }))).toBe('300Mi');
    expect(defaultSizeFor(undefined)).toBe('');
  });

  it('checks name, source and size (minimum from the image)', () => {
    const min = 1024n ** 3n;
    expect(checkValues(values({ size: '1Gi' }), min, '1Gi')).toEqual({});
    expect(checkValues(values({ size: '512Mi' }), min, '1Gi').size).toEqual({
      id: 'sizeMin',
      values: { min: '1Gi' },
    });
    expect(checkValues(values({ name: '' }), min, '1Gi').name?.id).toBe('required');
    expect(checkValues(values({ name: 'a.b' }), min, '1Gi').name?.id).toBe('name');
    expect(checkValues(values({ sourceName: '' }), min, '1Gi').sourceName?.id).toBe('source');
    expect(
      checkValues(values({ sourceKind: 'blank', sourceName: '' }), undefined, '').size?.id,
    ).toBe('sizeBlank');
    expect(checkValues(values({ size: 'big' }), undefined, '').size?.id).toBe('sizeFormat');
  });

  it('builds the VirtualDisk of the seed (size and class only when given)', () => {
    expect(diskBody(values({}))).toEqual({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualDisk',
      metadata: { name: 'linux-disk' },
      spec: {
        dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
      },
    });
    expect(
      diskBody(values({ sourceKind: 'blank', sourceName: '', size: '10Gi', storageClass: 'fast' }))
        .spec,
    ).toEqual({ persistentVolumeClaim: { size: '10Gi', storageClassName: 'fast' } });
  });

  it('round-trips the restore source through the URL', () => {
    const p = sourceParam('VirtualDiskSnapshot', 'snap-1');
    expect(sourceFromParam(p)).toEqual({ kind: 'VirtualDiskSnapshot', name: 'snap-1' });
    expect(sourceFromParam('blank:x')).toBeUndefined();
    expect(sourceFromParam('Nope:x')).toBeUndefined();
    expect(sourceFromParam(null)).toBeUndefined();
  });
});
