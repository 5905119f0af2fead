import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import { runAdmission } from './index.ts';
import { edited, memoryContext, nsd, req } from './testing.ts';

const ctx = memoryContext([]);
const blank = nsd('VirtualDisk', 'blank-disk', {
  spec: { persistentVolumeClaim: { size: '100Mi' } },
});
const withStatus = (o: KubeObject, status: Record<string, unknown>) =>
  edited(o, (x) => (x.status = status));
const withSize = (o: KubeObject, size?: string) =>
  edited(o, (x) => {
    const pvc = (x.spec as { persistentVolumeClaim: Record<string, unknown> })
      .persistentVolumeClaim;
    if (size === undefined) delete pvc.size;
    else pvc.size = size;
  });

describe('VirtualDisk admission', () => {
  it('accepts the user guide blank disk and refuses one without size', () => {
    expect(runAdmission(req(blank), ctx).causes).toEqual([]);
    const noSize = nsd('VirtualDisk', 'blank', { spec: { persistentVolumeClaim: {} } });
    expect(runAdmission(req(noSize), ctx).causes).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'spec.persistentVolumeClaim.size',
        message:
          "Required value: if the data source is not specified, it's necessary to set spec.PersistentVolumeClaim.size to create blank virtual disk",
      },
    ]);
    const fromImage = nsd('VirtualDisk', 'root', {
      spec: {
        dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
      },
    });
    expect(runAdmission(req(fromImage), ctx).causes).toEqual([]);
  });

  it('refuses a zero size and dotted names on create', () => {
    expect(runAdmission(req(withSize(blank, '0')), ctx).causes.map((c) => c.message)).toEqual([
      'virtual disk size must be greater than 0',
    ]);
    expect(
      runAdmission(req(edited(blank, (o) => (o.metadata.name = 'a.b'))), ctx).causes[0]?.field,
    ).toBe('metadata.name');
  });

  it('only grows once provisioned', () => {
    const ready = withStatus(blank, {
      phase: 'Ready',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(runAdmission(req(withSize(ready, '1Gi'), ready), ctx).causes).toEqual([]);
    expect(
      runAdmission(req(withSize(ready, '50Mi'), ready), ctx).causes.map((c) => c.message),
    ).toEqual([
      'spec.persistentVolumeClaim.size value (50Mi) should be greater than or equal to the current value (100Mi)',
    ]);
    expect(
      runAdmission(req(withSize(ready, undefined), ready), ctx).causes.map((c) => c.message),
    ).toEqual(['spec.persistentVolumeClaim.size cannot be omitted once set']);
  });

  it('lets the size shrink before provisioning and freezes it while migrating', () => {
    const pending = withStatus(blank, { phase: 'Pending' });
    expect(runAdmission(req(withSize(pending, '50Mi'), pending), ctx).causes).toEqual([]);
    const migrating = withStatus(blank, { phase: 'Migrating' });
    expect(runAdmission(req(withSize(migrating, '1Gi'), migrating), ctx).causes).toHaveLength(1);
  });

  it('keeps dataSource and storage class once provisioned', () => {
    const disk = nsd('VirtualDisk', 'root', {
      spec: {
        dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'a' } },
        persistentVolumeClaim: {},
      },
    });
    const ready = withStatus(disk, { phase: 'Ready' });
    const moved = edited(
      ready,
      (o) =>
        ((o.spec as { dataSource: { objectRef: { name: string } } }).dataSource.objectRef.name =
          'b'),
    );
    expect(runAdmission(req(moved, ready), ctx).causes.map((c) => c.message)).toEqual([
      'data source cannot be changed if the VirtualDisk has already been provisioned',
    ]);
    const sc = edited(
      ready,
      (o) =>
        ((
          o.spec as { persistentVolumeClaim: Record<string, unknown> }
        ).persistentVolumeClaim.storageClassName = 'fast'),
    );
    expect(runAdmission(req(sc, ready), ctx).causes.map((c) => c.field)).toEqual([
      'spec.persistentVolumeClaim.storageClassName',
    ]);
  });

  it('warns about existing dotted names on update', () => {
    const dotted = edited(blank, (o) => (o.metadata.name = 'old.disk'));
    const r = runAdmission(req(dotted, dotted), ctx);
    expect(r.causes).toEqual([]);
    expect(r.warnings).toHaveLength(1);
  });
});
