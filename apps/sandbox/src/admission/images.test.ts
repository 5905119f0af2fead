import { describe, expect, it } from 'vitest';
import { runAdmission } from './index.ts';
import { dvp, edited, memoryContext, nsd, req } from './testing.ts';

const ctx = memoryContext([]);
const http = (url: string) => ({ type: 'HTTP', http: { url } });

describe('VirtualImage admission', () => {
  const vi = nsd('VirtualImage', 'ubuntu-22-04', {
    spec: { storage: 'ContainerRegistry', dataSource: http('https://example.com/a.img') },
  });

  it('accepts the dotted names the user guide uses, with a warning, on create and update', () => {
    const dotted = edited(vi, (o) => (o.metadata.name = 'ubuntu-22.04'));
    const created = runAdmission(req(dotted), ctx);
    expect(created.causes).toEqual([]);
    expect(created.warnings[0]).toContain('contains now forbidden symbol');
    const r = runAdmission(req(dotted, dotted), ctx);
    expect(r.causes).toEqual([]);
    expect(r.warnings[0]).toContain('contains now forbidden symbol');
  });

  it('warns about the deprecated Kubernetes storage', () => {
    const k8s = edited(vi, (o) => ((o.spec as { storage: string }).storage = 'Kubernetes'));
    expect(runAdmission(req(k8s), ctx).warnings).toEqual([
      'Using the `Kubernetes` storage type is deprecated. It is recommended to use `PersistentVolumeClaim` instead.',
    ]);
  });

  it('keeps dataSource and storage class once provisioned', () => {
    const ready = edited(vi, (o) => (o.status = { phase: 'Ready' }));
    const moved = edited(
      ready,
      (o) => ((o.spec as { dataSource: unknown }).dataSource = http('https://example.com/b.img')),
    );
    expect(runAdmission(req(moved, ready), ctx).causes.map((c) => c.message)).toEqual([
      'data source cannot be changed if the VirtualImage has already been provisioned',
    ]);
    const sc = edited(
      ready,
      (o) =>
        ((o.spec as Record<string, unknown>).persistentVolumeClaim = { storageClassName: 'fast' }),
    );
    expect(runAdmission(req(sc, ready), ctx).causes.map((c) => c.field)).toEqual([
      'spec.persistentVolumeClaim.storageClassName',
    ]);
  });

  it('allows changes while provisioning, none while terminating', () => {
    const pending = edited(vi, (o) => (o.status = { phase: 'Provisioning' }));
    const moved = edited(
      pending,
      (o) => ((o.spec as { dataSource: unknown }).dataSource = http('https://example.com/b.img')),
    );
    expect(runAdmission(req(moved, pending), ctx).causes).toEqual([]);
    const terminating = edited(vi, (o) => (o.status = { phase: 'Terminating' }));
    const t2 = edited(moved, (o) => (o.status = { phase: 'Terminating' }));
    expect(runAdmission(req(t2, terminating), ctx).causes.map((c) => c.field)).toEqual(['spec']);
  });
});

describe('ClusterVirtualImage admission', () => {
  const cvi = dvp('ClusterVirtualImage', 'ubuntu', {
    spec: { dataSource: http('https://example.com/a.img') },
  });

  it('refuses dots on create', () => {
    expect(
      runAdmission(req(edited(cvi, (o) => (o.metadata.name = 'a.b'))), ctx).causes,
    ).toHaveLength(1);
  });

  it('is write-once after Ready (condition or phase)', () => {
    const ready = edited(
      cvi,
      (o) => (o.status = { conditions: [{ type: 'Ready', status: 'True' }] }),
    );
    const changed = edited(
      ready,
      (o) => ((o.spec as { dataSource: unknown }).dataSource = http('https://example.com/b.img')),
    );
    expect(runAdmission(req(changed, ready), ctx).causes.map((c) => c.message)).toEqual([
      'ClusterVirtualImage is in a Ready state: configuration changes are not available',
    ]);
    const relabel = edited(ready, (o) => (o.metadata.labels = { a: 'b' }));
    expect(runAdmission(req(relabel, ready), ctx).causes).toEqual([]);
    const provisioning = edited(cvi, (o) => (o.status = { phase: 'Provisioning' }));
    const c2 = edited(changed, (o) => (o.status = { phase: 'Provisioning' }));
    expect(runAdmission(req(c2, provisioning), ctx).causes).toEqual([]);
  });
});
