import { describe, expect, it } from 'vitest';

import { StatusError } from '../errors.ts';
import type { KubeObject } from '../types.ts';
import { applyServerSide, updateManagedFields } from './apply.ts';

const GV = 'virtualization.deckhouse.io/v1alpha2';
const T0 = '2025-03-01T10:00:00Z';
const T1 = '2025-03-01T11:00:00Z';
const T2 = '2025-03-01T12:00:00Z';

function vmConfig(
  spec: Record<string, unknown>,
  labels?: Record<string, string>,
): Record<string, unknown> {
  return {
    apiVersion: GV,
    kind: 'VirtualMachine',
    metadata: { name: 'web-1', namespace: 'prod', ...(labels ? { labels } : {}) },
    spec,
  };
}

/** What the server stores after a write: uid/resourceVersion added, managedFields attached. */
function stored(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, uid: 'u-1', resourceVersion: '7', creationTimestamp: T0 },
  };
}

function apply(
  current: KubeObject | undefined,
  applied: Record<string, unknown>,
  manager = 'kubectl',
  force = false,
  now = T1,
) {
  return applyServerSide({
    ...(current ? { current } : {}),
    applied,
    fieldManager: manager,
    force,
    apiVersion: GV,
    now,
  });
}

function conflict(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    return e as StatusError;
  }
  throw new Error('expected a conflict');
}

const baseSpec = {
  runPolicy: 'AlwaysOn',
  cpu: { cores: 2, coreFraction: '50%' },
  blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
};

describe('applyServerSide: ownership', () => {
  it('creates the object and owns exactly the applied fields', () => {
    const { object, managedFields } = apply(undefined, vmConfig(baseSpec, { app: 'web' }));
    expect(object.spec).toEqual(baseSpec);
    expect(object.metadata.labels).toEqual({ app: 'web' });
    expect(managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: GV,
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:blockDeviceRefs': {},
            'f:cpu': { 'f:coreFraction': {}, 'f:cores': {} },
            'f:runPolicy': {},
          },
        },
      },
    ]);
    expect(object.metadata.managedFields).toEqual(managedFields);
  });

  it('removes fields the applier owned and no longer applies', () => {
    const first = stored(
      apply(undefined, vmConfig(baseSpec, { app: 'web', tier: 'front' })).object,
    );
    const { object, managedFields } = apply(
      first,
      vmConfig({ cpu: { cores: 2 } }, { app: 'web' }),
      'kubectl',
      false,
      T2,
    );
    expect(object.spec).toEqual({ cpu: { cores: 2 } });
    expect(object.metadata.labels).toEqual({ app: 'web' });
    expect(object.metadata.uid).toBe('u-1');
    expect(managedFields[0]?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': { 'f:cpu': { 'f:cores': {} } },
    });
  });

  it('keeps omitted fields that another manager also owns', () => {
    const first = stored(apply(undefined, vmConfig(baseSpec)).object);
    // Another applier claims runPolicy with the same value: shared ownership, no conflict.
    const second = stored(apply(first, vmConfig({ runPolicy: 'AlwaysOn' }), 'console').object);
    const { object, managedFields } = apply(
      second,
      vmConfig({ cpu: baseSpec.cpu }),
      'kubectl',
      false,
      T2,
    );
    expect(object.spec).toEqual({ runPolicy: 'AlwaysOn', cpu: baseSpec.cpu });
    expect(managedFields.map((m) => m.manager)).toEqual(['console', 'kubectl']);
  });

  it('keeps fields nobody owns', () => {
    const live = stored({
      ...apply(undefined, vmConfig({ cpu: { cores: 1 } })).object,
      status: { phase: 'Running' },
    });
    const { object } = apply(live, vmConfig({ cpu: { cores: 1 }, runPolicy: 'Manual' }));
    expect(object.status).toEqual({ phase: 'Running' });
  });

  it('hands fields of an object without managedFields to before-first-apply', () => {
    const live = stored(vmConfig(baseSpec) as KubeObject);
    const err = conflict(() => apply(live, vmConfig({ runPolicy: 'Manual' })));
    expect(err.status.message).toBe(
      `Apply failed with 1 conflict: conflict with "before-first-apply" using ${GV}: .spec.runPolicy`,
    );
    const { managedFields } = apply(live, vmConfig({ runPolicy: 'AlwaysOn' }));
    expect(managedFields.map((m) => [m.manager, m.operation])).toEqual([
      ['kubectl', 'Apply'],
      ['before-first-apply', 'Update'],
    ]);
  });

  it('records keyed list items, sets and ownerReferences by key', () => {
    const pool = {
      apiVersion: GV,
      kind: 'VirtualMachinePool',
      metadata: {
        name: 'pool',
        finalizers: ['virtualization.deckhouse.io/cleanup'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'Namespace', name: 'prod', uid: 'ns-1' }],
      },
      spec: { replicas: 2, virtualDiskTemplates: [{ name: 'root', spec: { size: '10Gi' } }] },
    };
    const { managedFields } = apply(undefined, pool);
    expect(managedFields[0]?.fieldsV1).toEqual({
      'f:metadata': {
        'f:finalizers': { 'v:"virtualization.deckhouse.io/cleanup"': {} },
        'f:ownerReferences': {
          'k:{"uid":"ns-1"}': {
            '.': {},
            'f:apiVersion': {},
            'f:kind': {},
            'f:name': {},
            'f:uid': {},
          },
        },
      },
      'f:spec': {
        'f:replicas': {},
        'f:virtualDiskTemplates': {
          'k:{"name":"root"}': { '.': {}, 'f:name': {}, 'f:spec': { 'f:size': {} } },
        },
      },
    });
  });

  it("merges keyed list items and prunes the applier's removed item", () => {
    const pool = (templates: unknown[]) => ({
      apiVersion: GV,
      kind: 'VirtualMachinePool',
      metadata: { name: 'pool' },
      spec: { virtualDiskTemplates: templates },
    });
    const first = stored(
      apply(
        undefined,
        pool([
          { name: 'root', spec: { size: '10Gi' } },
          { name: 'data', spec: { size: '1Gi' } },
        ]),
      ).object,
    );
    const { object } = apply(first, pool([{ name: 'root', spec: { size: '20Gi' } }]));
    expect(object.spec).toEqual({
      virtualDiskTemplates: [{ name: 'root', spec: { size: '20Gi' } }],
    });
  });

  it('applies a no-op without touching the time', () => {
    const first = stored(apply(undefined, vmConfig(baseSpec), 'kubectl', false, T1).object);
    const { managedFields } = apply(first, vmConfig(baseSpec), 'kubectl', false, T2);
    expect(managedFields[0]?.time).toBe(T1);
  });
});

describe('applyServerSide: conflicts', () => {
  const created = () =>
    stored({
      ...(vmConfig(baseSpec) as KubeObject),
      metadata: {
        name: 'web-1',
        namespace: 'prod',
        managedFields: updateManagedFields({
          previous: undefined,
          next: vmConfig(baseSpec) as KubeObject,
          manager: 'kubectl-client-side-apply',
          apiVersion: GV,
          time: T0,
        }),
      },
    });

  it('rejects a changed value owned by another manager with 409 FieldManagerConflict', () => {
    const err = conflict(() =>
      apply(created(), vmConfig({ ...baseSpec, cpu: { cores: 4, coreFraction: '50%' } })),
    );
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using ${GV}: .spec.cpu.cores`,
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: `conflict with "kubectl-client-side-apply" using ${GV}`,
            field: '.spec.cpu.cores',
          },
        ],
      },
      code: 409,
    });
  });

  it('lists every conflict grouped by manager', () => {
    const err = conflict(() =>
      apply(created(), vmConfig({ runPolicy: 'Manual', cpu: { cores: 4, coreFraction: '50%' } })),
    );
    expect(err.status.message).toBe(
      `Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using ${GV}:\n- .spec.cpu.cores\n- .spec.runPolicy`,
    );
    expect(err.status.details?.causes).toHaveLength(2);
  });

  it('shares ownership when the applied value is equal', () => {
    const { managedFields } = apply(created(), vmConfig({ cpu: { cores: 2 } }));
    const csa = managedFields.find((m) => m.manager === 'kubectl-client-side-apply');
    const mine = managedFields.find((m) => m.manager === 'kubectl');
    expect(csa?.fieldsV1).toMatchObject({ 'f:spec': { 'f:cpu': { 'f:cores': {} } } });
    expect(mine?.fieldsV1).toEqual({ 'f:spec': { 'f:cpu': { 'f:cores': {} } } });
  });

  it('takes the fields over with force', () => {
    const { object, managedFields } = apply(
      created(),
      vmConfig({ cpu: { cores: 4 } }),
      'kubectl',
      true,
    );
    expect(object.spec).toEqual({ ...baseSpec, cpu: { cores: 4, coreFraction: '50%' } });
    const csa = managedFields.find((m) => m.manager === 'kubectl-client-side-apply');
    expect(csa?.fieldsV1).toEqual({
      'f:spec': {
        '.': {},
        'f:blockDeviceRefs': {},
        'f:cpu': { '.': {}, 'f:coreFraction': {} },
        'f:runPolicy': {},
      },
    });
    expect(managedFields.find((m) => m.manager === 'kubectl')?.fieldsV1).toEqual({
      'f:spec': { 'f:cpu': { 'f:cores': {} } },
    });
  });
});

describe('applyServerSide: scope and bad input', () => {
  it('ignores an applied status on the main resource of a kind with a status subresource', () => {
    const { object, managedFields } = applyServerSide({
      applied: { ...vmConfig(baseSpec), status: { phase: 'Running' } },
      fieldManager: 'kubectl',
      force: false,
      apiVersion: GV,
      now: T1,
      statusSubresource: true,
    });
    expect(object.status).toBeUndefined();
    expect(managedFields[0]?.fieldsV1).not.toHaveProperty('f:status');
  });

  it('takes only status on the status subresource', () => {
    const live = stored(apply(undefined, vmConfig(baseSpec)).object);
    const { object, managedFields } = applyServerSide({
      current: live,
      applied: { ...vmConfig({ runPolicy: 'Manual' }), status: { phase: 'Running' } },
      fieldManager: 'controller',
      force: false,
      apiVersion: GV,
      now: T2,
      subresource: 'status',
    });
    expect(object.spec).toEqual(baseSpec);
    expect(object.status).toEqual({ phase: 'Running' });
    expect(managedFields.find((m) => m.manager === 'controller')).toMatchObject({
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:phase': {} } },
    });
  });

  it.each([
    [
      { ...vmConfig(baseSpec), metadata: { name: 'web-1', managedFields: [{ manager: 'x' }] } },
      'metadata.managedFields must be nil',
    ],
    [
      { ...vmConfig(baseSpec), apiVersion: 'v1' },
      `the API version in the data (v1) does not match the expected API version (${GV})`,
    ],
    [
      { ...vmConfig(baseSpec), apiVersion: undefined },
      `the API version in the data () does not match the expected API version (${GV})`,
    ],
  ])('rejects %j with 400', (applied, message) => {
    const err = conflict(() => apply(undefined, applied));
    expect(err.status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('rejects a kind that differs from the stored object', () => {
    const live = stored(apply(undefined, vmConfig(baseSpec)).object);
    const err = conflict(() => apply(live, { ...vmConfig(baseSpec), kind: 'VirtualDisk' }));
    expect(err.status.message).toBe(
      'the kind in the data (VirtualDisk) does not match the expected kind (VirtualMachine)',
    );
  });

  it('does not modify its inputs', () => {
    const live = stored(apply(undefined, vmConfig(baseSpec, { app: 'web' })).object);
    const liveCopy = structuredClone(live);
    const applied = vmConfig({ cpu: { cores: 8 } });
    const appliedCopy = structuredClone(applied);
    apply(live, applied, 'kubectl', true);
    expect(live).toEqual(liveCopy);
    expect(applied).toEqual(appliedCopy);
  });
});

describe('updateManagedFields', () => {
  const vm = vmConfig(baseSpec, { app: 'web' }) as KubeObject;

  it('records a create like kube: new maps are members themselves', () => {
    expect(
      updateManagedFields({
        previous: undefined,
        next: stored(vm),
        manager: 'kubectl-create',
        apiVersion: GV,
        time: T0,
      }),
    ).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: GV,
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            '.': {},
            'f:blockDeviceRefs': {},
            'f:cpu': { '.': {}, 'f:coreFraction': {}, 'f:cores': {} },
            'f:runPolicy': {},
          },
        },
      },
    ]);
  });

  function write(
    previous: KubeObject,
    change: (o: KubeObject) => void,
    manager: string,
    time: string,
    subresource?: string,
  ) {
    const next = structuredClone(previous);
    change(next);
    const managedFields = updateManagedFields({
      previous,
      next,
      manager,
      apiVersion: GV,
      time,
      ...(subresource ? { subresource } : {}),
    });
    return { ...next, metadata: { ...next.metadata, managedFields } };
  }

  const created = () =>
    stored({
      ...vm,
      metadata: {
        ...vm.metadata,
        managedFields: updateManagedFields({
          previous: undefined,
          next: vm,
          manager: 'kubectl-create',
          apiVersion: GV,
          time: T0,
        }),
      },
    });

  it('moves changed fields to the writer and merges its later writes into one entry', () => {
    const a = write(
      created(),
      (o) => ((o.spec as { cpu: { cores: number } }).cpu.cores = 4),
      'kubectl-edit',
      T1,
    );
    const b = write(
      a,
      (o) => ((o.spec as { runPolicy: string }).runPolicy = 'Manual'),
      'kubectl-edit',
      T2,
    );
    const entries = b.metadata.managedFields ?? [];
    expect(entries.map((e) => [e.manager, e.time])).toEqual([
      ['kubectl-create', T0],
      ['kubectl-edit', T2],
    ]);
    expect(entries[1]?.fieldsV1).toEqual({
      'f:spec': { 'f:cpu': { 'f:cores': {} }, 'f:runPolicy': {} },
    });
    expect(entries[0]?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': { '.': {}, 'f:blockDeviceRefs': {}, 'f:cpu': { '.': {}, 'f:coreFraction': {} } },
    });
  });

  it('drops removed fields from every manager and leaves unchanged writes alone', () => {
    const a = write(created(), (o) => delete o.metadata.labels, 'kubectl-label', T1);
    expect(a.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-create']);
    expect(a.metadata.managedFields?.[0]?.fieldsV1).not.toHaveProperty('f:metadata');
    const b = write(a, () => undefined, 'kubectl-label', T2);
    expect(b.metadata.managedFields).toEqual(a.metadata.managedFields);
  });

  it('records status writes under the status subresource', () => {
    const a = write(
      created(),
      (o) => (o.status = { phase: 'Running' }),
      'virtualization-controller',
      T1,
      'status',
    );
    expect(a.metadata.managedFields?.find((e) => e.subresource === 'status')).toMatchObject({
      manager: 'virtualization-controller',
      fieldsV1: { 'f:status': { '.': {}, 'f:phase': {} } },
    });
  });

  it('honours managedFields sent by the client, and [{}] clears them', () => {
    const live = created();
    const sent = [
      {
        manager: 'kubectl',
        operation: 'Apply' as const,
        apiVersion: GV,
        time: T0,
        fieldsType: 'FieldsV1' as const,
        fieldsV1: { 'f:spec': { 'f:runPolicy': {} } },
      },
    ];
    const next = { ...live, metadata: { ...live.metadata, managedFields: sent } };
    expect(
      updateManagedFields({ previous: live, next, manager: 'kubectl', apiVersion: GV, time: T1 }),
    ).toEqual(sent);
    const cleared = { ...live, metadata: { ...live.metadata, managedFields: [{}] } };
    expect(
      updateManagedFields({
        previous: live,
        next: cleared,
        manager: 'kubectl',
        apiVersion: GV,
        time: T1,
      }),
    ).toEqual([]);
  });
});
