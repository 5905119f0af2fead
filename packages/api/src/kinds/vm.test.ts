import { describe, expect, it } from 'vitest';

import { validateObject } from '../schemas.ts';
import type { FieldCause } from '../status.ts';

const G = 'virtualization.deckhouse.io';

function vm(spec: Record<string, unknown>) {
  return {
    apiVersion: `${G}/v1alpha2`,
    kind: 'VirtualMachine',
    metadata: { name: 'linux-vm', namespace: 'demo' },
    spec: {
      virtualMachineClassName: 'generic',
      cpu: { cores: 1 },
      memory: { size: '1Gi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
      ...spec,
    },
  };
}

function causes(obj: unknown): FieldCause[] {
  const r = validateObject(G, 'VirtualMachine', 'v1alpha2', obj);
  if (!r || r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
  return r.causes;
}

function parsedSpec(obj: unknown): Record<string, unknown> {
  const r = validateObject(G, 'VirtualMachine', 'v1alpha2', obj);
  if (!r?.ok) throw new Error(JSON.stringify(r));
  return r.object.spec as Record<string, unknown>;
}

const invalidObject = (field: string, message: string): FieldCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: "object": ${message}`,
});

describe('VirtualMachine defaults', () => {
  it('applies every CRD default to a minimal spec', () => {
    expect(parsedSpec(vm({}))).toEqual({
      virtualMachineClassName: 'generic',
      cpu: { cores: 1 },
      memory: { size: '1Gi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
      runPolicy: 'AlwaysOnUnlessStoppedManually',
      disruptions: { restartApprovalMode: 'Manual' },
      terminationGracePeriodSeconds: 60,
      enableParavirtualization: true,
      osType: 'Generic',
      bootloader: 'BIOS',
      liveMigrationPolicy: 'PreferSafe',
    });
  });

  it('keeps given values and defaults only what is missing', () => {
    const spec = parsedSpec(vm({ runPolicy: 'Manual', disruptions: {}, osType: 'Windows' }));
    expect(spec).toMatchObject({ runPolicy: 'Manual', osType: 'Windows', bootloader: 'BIOS' });
    // As in kube-apiserver, an explicit empty object is not replaced by the object default.
    expect(spec.disruptions).toEqual({});
  });

  it('defaults the Secret kind of userDataRef and prunes unknown fields', () => {
    const spec = parsedSpec(
      vm({ provisioning: { type: 'UserDataRef', userDataRef: { name: 'ci' } }, foo: 1 }),
    );
    expect(spec.provisioning).toEqual({
      type: 'UserDataRef',
      userDataRef: { kind: 'Secret', name: 'ci' },
    });
    expect(spec).not.toHaveProperty('foo');
  });
});

describe('VirtualMachine schema errors', () => {
  it('reports missing required fields', () => {
    expect(causes({ apiVersion: `${G}/v1alpha2`, kind: 'VirtualMachine', metadata: {} })).toEqual([
      { reason: 'FieldValueRequired', field: 'spec', message: 'Required value' },
    ]);
    const { cpu: _cpu, ...noCpu } = vm({}).spec;
    expect(causes({ ...vm({}), spec: noCpu })).toEqual([
      { reason: 'FieldValueRequired', field: 'spec.cpu', message: 'Required value' },
    ]);
  });

  it('reports enums, types, minimums and patterns in kube-apiserver wording', () => {
    const got = causes(
      vm({
        runPolicy: 'Foo',
        cpu: { cores: 'abc', coreFraction: '30' },
        blockDeviceRefs: [{ kind: 'Disk', name: 'root' }],
      }),
    );
    expect(got).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.runPolicy',
        message:
          'Unsupported value: "Foo": supported values: "AlwaysOn", "AlwaysOff", "Manual", "AlwaysOnUnlessStoppedManually"',
      },
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.cpu.cores',
        message:
          'Invalid value: "string": spec.cpu.cores in body must be of type integer: "string"',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu.coreFraction',
        message:
          'Invalid value: "30": spec.cpu.coreFraction in body should match \'^(Auto|(100|[1-9][0-9]?)%)$\'',
      },
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.blockDeviceRefs[0].kind',
        message:
          'Unsupported value: "Disk": supported values: "ClusterVirtualImage", "VirtualImage", "VirtualDisk"',
      },
    ]);
  });

  it('reports numeric bounds and list sizes', () => {
    const refs = Array.from({ length: 17 }, (_, i) => ({ kind: 'VirtualDisk', name: `d${i}` }));
    expect(causes(vm({ cpu: { cores: -1 }, blockDeviceRefs: refs }))).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu.cores',
        message: 'Invalid value: -1: spec.cpu.cores in body should be greater than or equal to 1',
      },
      {
        reason: 'FieldValueTooMany',
        field: 'spec.blockDeviceRefs',
        message: 'Too many: 17: must have at most 16 items',
      },
    ]);
    expect(causes(vm({ blockDeviceRefs: [] }))).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.blockDeviceRefs',
        message: 'Invalid value: 0: spec.blockDeviceRefs in body should have at least 1 items',
      },
    ]);
  });

  it('reports a non-integer core count and a bad memory quantity', () => {
    expect(causes(vm({ cpu: { cores: 1.5 }, memory: { size: '1 GB' } }))).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.cpu.cores',
        message:
          'Invalid value: "number": spec.cpu.cores in body must be of type integer: "number"',
      },
      expect.objectContaining({
        reason: 'FieldValueInvalid',
        field: 'spec.memory.size',
        message: expect.stringMatching(
          /^Invalid value: "1 GB": spec\.memory\.size in body should match '\^\(\\\+\|-\)\?/,
        ) as unknown,
      }),
    ]);
    expect(causes(vm({ memory: { size: true } }))).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.memory.size',
        message:
          'Invalid value: "boolean": spec.memory.size in body must be of type integer,string: "boolean"',
      },
    ]);
  });
});

describe('VirtualMachine CEL rules', () => {
  it('limits inline userData to 2048 characters', () => {
    const ok = 'x'.repeat(2048);
    expect(parsedSpec(vm({ provisioning: { type: 'UserData', userData: ok } }))).toBeDefined();
    expect(causes(vm({ provisioning: { type: 'UserData', userData: `${ok}y` } }))).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.provisioning.userData',
        message:
          'Invalid value: "string": `userData` exceeds 2048 byte limit; should use `userDataRef` for larger data.',
      },
    ]);
  });

  it('requires exactly the provisioning field that type names (oneOf)', () => {
    const oneOf = (found: string): FieldCause => ({
      reason: 'FieldValueInvalid',
      field: '<nil>',
      message: `Invalid value: "": "spec.provisioning" must validate one and only one schema (oneOf). ${found}`,
    });
    expect(causes(vm({ provisioning: { type: 'UserData' } }))).toEqual([oneOf('Found none valid')]);
    expect(
      causes(
        vm({ provisioning: { type: 'UserData', userData: 'x', userDataRef: { name: 'ci' } } }),
      ),
    ).toEqual([oneOf('Found none valid')]);
    expect(
      parsedSpec(vm({ provisioning: { type: 'SysprepRef', sysprepRef: { name: 'win' } } })),
    ).toBeDefined();
  });

  it('accepts Auto and 1–100% core fractions only', () => {
    expect(parsedSpec(vm({ cpu: { cores: 1, coreFraction: 'Auto' } }))).toBeDefined();
    expect(parsedSpec(vm({ cpu: { cores: 1, coreFraction: '100%' } }))).toBeDefined();
    // Like kube-apiserver, a pattern error does not stop the CEL rules, so both are reported.
    expect(causes(vm({ cpu: { cores: 1, coreFraction: '0%' } }))).toEqual([
      expect.objectContaining({ field: 'spec.cpu.coreFraction', reason: 'FieldValueInvalid' }),
      invalidObject('spec', "Core fraction must be 'Auto' or a percentage between 1% and 100%."),
    ]);
  });

  it('enforces the Legacy osType rules on spec', () => {
    const refs = Array.from({ length: 5 }, (_, i) => ({ kind: 'VirtualDisk', name: `d${i}` }));
    expect(
      causes(
        vm({
          osType: 'Legacy',
          bootloader: 'EFI',
          provisioning: { type: 'UserData', userData: 'x' },
          enableParavirtualization: false,
          blockDeviceRefs: refs,
        }),
      ),
    ).toEqual([
      invalidObject('spec', 'The Legacy osType requires the BIOS bootloader.'),
      invalidObject(
        'spec',
        'The Legacy osType does not support provisioning: such operating systems have no cloud-init or Sysprep support.',
      ),
      invalidObject(
        'spec',
        'The Legacy osType with enableParavirtualization=false supports at most 4 block devices.',
      ),
    ]);
    expect(parsedSpec(vm({ osType: 'Legacy' }))).toMatchObject({ bootloader: 'BIOS' });
  });
});
