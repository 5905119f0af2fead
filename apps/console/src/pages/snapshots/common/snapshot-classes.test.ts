import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dvp/api';
import { defaultSnapshotClass, snapshotClassesFor, snapshotName } from './snapshot-classes.ts';

const obj = (name: string, extra: Record<string, unknown>, annotations?: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'X', metadata: { name, annotations }, ...extra }) as KubeObject;

describe('snapshot classes', () => {
  const sc = obj('fast', { provisioner: 'csi.a' });
  const all = [
    obj('a-1', { driver: 'csi.a' }),
    obj(
      'a-default',
      { driver: 'csi.a' },
      { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
    ),
    obj('b-1', { driver: 'csi.b' }),
  ];

  it('offers the classes of the storage class driver, its default first choice', () => {
    const c = snapshotClassesFor(sc, all);
    expect(c.map((x) => x.metadata.name)).toEqual(['a-1', 'a-default']);
    expect(defaultSnapshotClass(c)).toBe('a-default');
    expect(defaultSnapshotClass(c.slice(0, 1))).toBe('a-1');
    expect(snapshotClassesFor(undefined, all)).toEqual([]);
  });

  it('names snapshots like the seeds (name-<unix seconds>)', () => {
    expect(snapshotName('linux-vm-root', 1_728_027_905_123)).toBe('linux-vm-root-1728027905');
    expect(snapshotName('x'.repeat(300), 0).length).toBeLessThanOrEqual(253);
  });
});
