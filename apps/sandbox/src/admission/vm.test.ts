import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import { runAdmission } from './index.ts';
import { dvp, edited, memoryContext, moduleConfig, nsd, req } from './testing.ts';
import { DEFAULT_CLASS_ANNOTATION, defaultClass } from './vm.ts';

// The user-guide example class and VM (seed 000).
const generic = dvp(
  'VirtualMachineClass',
  'generic',
  {
    spec: {
      cpu: { type: 'Model', model: 'Nehalem' },
      sizingPolicies: [
        {
          cores: { min: 1, max: 4 },
          memory: { min: '1Gi', max: '8Gi' },
          coreFractions: [5, 10, 20, 50, 100],
          defaultCoreFraction: 10,
        },
        {
          cores: { min: 5, max: 8 },
          memory: { min: '5Gi', max: '16Gi' },
          coreFractions: [20, 50, 100],
        },
      ],
    },
  },
  { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
);

function vm(
  spec: Record<string, unknown> = {},
  meta: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return dvp(
    'VirtualMachine',
    'linux-vm',
    {
      spec: {
        virtualMachineClassName: 'generic',
        cpu: { cores: 1, coreFraction: '10%' },
        memory: { size: '1Gi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'linux-vm-root' }],
        ...spec,
      },
    },
    { namespace: 'ns', ...meta },
  );
}

const ctx = memoryContext([generic, moduleConfig(['10.66.10.0/24'])]);
const fields = (o: KubeObject, c = ctx) => runAdmission(req(o), c).causes.map((x) => x.field);

describe('VirtualMachine mutate', () => {
  it('fills the default class and the policy default coreFraction', () => {
    const obj = vm({ virtualMachineClassName: undefined, cpu: { cores: 2 } });
    const r = runAdmission(req(obj), ctx);
    expect(r.causes).toEqual([]);
    expect(obj.spec).toMatchObject({
      virtualMachineClassName: 'generic',
      cpu: { cores: 2, coreFraction: '10%' },
    });
  });

  it('uses 100% when the policy has no default, and keeps an explicit value', () => {
    const six = vm({ cpu: { cores: 6 }, memory: { size: '6Gi' } });
    runAdmission(req(six), ctx);
    expect(six.spec).toMatchObject({ cpu: { coreFraction: '100%' } });
    const explicit = vm({ cpu: { cores: 2, coreFraction: '50%' } });
    runAdmission(req(explicit), ctx);
    expect(explicit.spec).toMatchObject({ cpu: { coreFraction: '50%' } });
  });

  it('assigns network ids: Main 1, others from 2', () => {
    const obj = vm({
      networks: [
        { type: 'Main' },
        { type: 'Network', name: 'a' },
        { type: 'ClusterNetwork', name: 'b', id: 2 },
      ],
    });
    runAdmission(req(obj), ctx);
    expect(obj.spec).toMatchObject({ networks: [{ id: 1 }, { id: 3 }, { id: 2 }] });
  });

  it('requires a class when none is the default', () => {
    const noDefault = memoryContext([edited(generic, (c) => (c.metadata.annotations = {}))]);
    expect(defaultClass(noDefault)).toBeUndefined();
    const r = runAdmission(req(vm({ virtualMachineClassName: undefined })), noDefault);
    expect(r.causes).toEqual([
      expect.objectContaining({
        reason: 'FieldValueRequired',
        field: 'spec.virtualMachineClassName',
      }),
    ]);
  });
});

describe('VirtualMachine validate', () => {
  it('accepts the user guide VM', () => {
    expect(runAdmission(req(vm()), ctx)).toEqual({ causes: [], warnings: [] });
  });

  it('refuses names over 63 characters on create', () => {
    expect(fields(vm({}, { name: 'v'.repeat(64) }))).toEqual(['metadata.name']);
  });

  it('refuses reserved label and annotation keys', () => {
    const r = runAdmission(
      req(
        vm(
          {},
          {
            labels: { 'virtualization.deckhouse.io/x': 'y' },
            annotations: { 'a.virtualization.deckhouse.io/b': '' },
          },
        ),
      ),
      ctx,
    );
    expect(r.causes.map((c) => c.message)).toEqual([
      "Forbidden: using the virtualization.deckhouse.io group's name in the label is prohibited",
      "Forbidden: using the virtualization.deckhouse.io group's name in the annotation is prohibited",
    ]);
  });

  it('does not brick an object that already carries a reserved key', () => {
    const old = vm({}, { labels: { 'virtualization.deckhouse.io/x': 'y' } });
    const next = edited(old, (o) => (o.metadata.finalizers = ['f']));
    expect(runAdmission(req(next, old), ctx).causes).toEqual([]);
  });

  it('refuses 17 cores, accepts 20 (topology)', () => {
    const open = memoryContext([
      dvp('VirtualMachineClass', 'generic', { spec: { cpu: { type: 'Host' } } }),
    ]);
    const r = runAdmission(req(vm({ cpu: { cores: 17 } })), open);
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu.cores',
        message: 'Invalid value: 17: the requested number of cores must be a multiple of 2',
      },
    ]);
    expect(runAdmission(req(vm({ cpu: { cores: 20 } })), open).causes).toEqual([]);
  });

  it('refuses coreFraction 30% where [5,10,20,50,100] is allowed', () => {
    const r = runAdmission(req(vm({ cpu: { cores: 2, coreFraction: '30%' } })), ctx);
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu.coreFraction',
        message:
          'Invalid value: "30%": sizing policy validate: VM core fraction value 30 is not within the allowed values',
      },
    ]);
  });

  it('refuses memory outside the policy and cores outside every range', () => {
    expect(fields(vm({ cpu: { cores: 2, coreFraction: '10%' }, memory: { size: '9Gi' } }))).toEqual(
      ['spec.memory.size'],
    );
    expect(
      fields(vm({ cpu: { cores: 12, coreFraction: '100%' }, memory: { size: '12Gi' } })),
    ).toEqual(['spec.cpu.cores']);
  });

  it('only warns when the class does not exist yet', () => {
    const r = runAdmission(req(vm({ virtualMachineClassName: 'later' })), ctx);
    expect(r.causes).toEqual([]);
    expect(r.warnings).toEqual([
      'The VM class "later" does not exist; it may not have been created yet. Until it is created, the virtual machine will remain in a pending status.',
    ]);
  });

  it('skips spec rules for metadata-only updates and status writes', () => {
    const bad = vm({ cpu: { cores: 2, coreFraction: '30%' } });
    const withFinalizer = edited(bad, (o) => (o.metadata.finalizers = ['x']));
    expect(runAdmission(req(withFinalizer, bad), ctx).causes).toEqual([]);
    expect(runAdmission(req(bad, bad, { subresource: 'status' }), ctx).causes).toEqual([]);
    const changed = edited(bad, (o) => ((o.spec as { memory: unknown }).memory = { size: '2Gi' }));
    expect(runAdmission(req(changed, bad), ctx).causes).toHaveLength(1);
  });

  it('refuses duplicate block devices and boot orders', () => {
    const r = runAdmission(
      req(
        vm({
          blockDeviceRefs: [
            { kind: 'VirtualDisk', name: 'root', bootOrder: 1 },
            { kind: 'VirtualDisk', name: 'root' },
            { kind: 'VirtualImage', name: 'iso', bootOrder: 1 },
          ],
        }),
      ),
      ctx,
    );
    expect(r.causes.map((c) => [c.reason, c.field])).toEqual([
      ['FieldValueDuplicate', 'spec.blockDeviceRefs[1]'],
      ['FieldValueDuplicate', 'spec.blockDeviceRefs[2].bootOrder'],
    ]);
    expect(r.causes[0]?.message).toContain(
      'cannot specify the same block device reference more than once: VirtualDisk with name "root" has a duplicate reference',
    );
  });

  it('counts VMBDA hot-plugs toward the 16-device limit', () => {
    const refs = Array.from({ length: 15 }, (_, i) => ({ kind: 'VirtualDisk', name: `d${i}` }));
    const vmbda = (n: string, disk: string) =>
      nsd('VirtualMachineBlockDeviceAttachment', n, {
        spec: {
          virtualMachineName: 'linux-vm',
          blockDeviceRef: { kind: 'VirtualDisk', name: disk },
        },
      });
    const one = memoryContext([generic, vmbda('a', 'd0'), vmbda('b', 'extra')]);
    expect(fields(vm({ blockDeviceRefs: refs }), one)).toEqual([]);
    const two = memoryContext([generic, vmbda('b', 'extra'), vmbda('c', 'extra2')]);
    const r = runAdmission(req(vm({ blockDeviceRefs: refs })), two);
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueTooMany',
        field: 'spec.blockDeviceRefs',
        message: 'Too many: 17: must have at most 16 items',
      },
    ]);
  });

  it('checks networks: Main first and unnamed, others named and unique, ids in range', () => {
    const msgs = (networks: unknown[]) =>
      runAdmission(req(vm({ networks })), ctx).causes.map((c) => c.message);
    expect(msgs([{ type: 'Main' }, { type: 'Network', name: 'a' }])).toEqual([]);
    expect(msgs([{ type: 'Network', name: 'a' }, { type: 'Main' }])).toEqual([
      "first network in the list must be of type 'Main'",
    ]);
    expect(msgs([{ type: 'Main', name: 'x' }])).toEqual([
      "network with type 'Main' should not have a name",
    ]);
    expect(msgs([{ type: 'Main' }, { type: 'Network' }])).toEqual([
      "network with type 'Network' must have a non-empty name",
    ]);
    expect(
      msgs([{ type: 'Main' }, { type: 'Network', name: 'a' }, { type: 'Network', name: 'a' }]),
    ).toEqual(['network Network:a is duplicated']);
    expect(msgs([{ type: 'Main', id: 2 }])).toEqual([
      'network id for network Main must be 1, got 2',
    ]);
    expect(msgs([{ type: 'Main' }, { type: 'Network', name: 'a', id: 16384 }])).toEqual([
      'network id must be between 1 and 16383 for network Network/a, got 16384',
    ]);
  });

  it('refuses an explicit Main network and virtualMachineIPAddressName without CIDRs', () => {
    const noCidrs = memoryContext([generic]);
    const r = runAdmission(
      req(vm({ networks: [{ type: 'Main' }], virtualMachineIPAddressName: 'ip' })),
      noCidrs,
    );
    expect(r.causes.map((c) => c.field)).toEqual([
      'spec.networks',
      'spec.virtualMachineIPAddressName',
    ]);
    expect(fields(vm({ virtualMachineIPAddressName: 'ip' }))).toEqual([]);
  });

  it('allows network id changes only while Stopped', () => {
    const old = edited(
      vm({
        networks: [
          { type: 'Main', id: 1 },
          { type: 'Network', name: 'a', id: 2 },
        ],
      }),
      (o) => (o.status = { phase: 'Running' }),
    );
    const next = edited(
      old,
      (o) =>
        ((o.spec as { networks: { id: number }[] }).networks[1] = {
          type: 'Network',
          name: 'a',
          id: 5,
        } as never),
    );
    expect(runAdmission(req(next, old), ctx).causes.map((c) => c.message)).toEqual([
      "cannot change network ID for network 'Network/a' while VM is in phase 'Running' (only allowed when VM is stopped)",
    ]);
    const stopped = edited(old, (o) => (o.status = { phase: 'Stopped' }));
    expect(runAdmission(req(next, stopped), ctx).causes).toEqual([]);
  });
});
