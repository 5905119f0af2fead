import { describe, expect, it } from 'vitest';

import { cel, dvpCauses, dvpParse } from './test-helpers.testdata.ts';
import type { VirtualMachineClass, VirtualMachineClassV1alpha3 } from './vm-class.ts';
import {
  convertVirtualMachineClass,
  VirtualMachineClassSchema,
  VirtualMachineClassV1alpha3Schema,
} from './vm-class.ts';

const v2: VirtualMachineClass = VirtualMachineClassSchema.parse({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineClass',
  metadata: { name: 'generic', annotations: { a: 'b' } },
  spec: {
    cpu: { type: 'Model', model: 'Nehalem' },
    tolerations: [{ key: 'k', operator: 'Exists' }],
    sizingPolicies: [
      {
        cores: { min: 1, max: 4 },
        coreFractions: [5, 10, 100],
        defaultCoreFraction: 10,
        dedicatedCores: [false],
      },
      { cores: { min: 5, max: 8 }, coreFractions: [50, 100], defaultCoreFraction: 'Auto' },
      { cores: { min: 9, max: 16 }, memory: { min: '1Gi', max: '64Gi', step: '1Gi' } },
    ],
  },
  status: { phase: 'Ready' },
});

describe('VirtualMachineClass CEL rules', () => {
  it.each([
    [
      { type: 'Host', model: 'x' },
      'HostPassthrough and Host cannot have model, features or discovery',
    ],
    [
      { type: 'HostPassthrough', discovery: {} },
      'HostPassthrough and Host cannot have model, features or discovery',
    ],
    [{ type: 'Discovery', features: ['vmx'] }, 'Discovery cannot have model or features'],
    [{ type: 'Model' }, 'Model requires model and cannot have features or discovery'],
    [
      { type: 'Features', features: ['vmx'], model: 'x' },
      'Features requires features and cannot have model or discovery',
    ],
  ])('rejects cpu %j', (cpu, message) => {
    expect(dvpCauses('VirtualMachineClass', { spec: { cpu } })).toEqual([cel('spec.cpu', message)]);
  });

  it('checks core ranges', () => {
    const policy = (cores: Record<string, number>) => ({
      spec: { cpu: { type: 'Host' }, sizingPolicies: [{ cores }] },
    });
    expect(dvpCauses('VirtualMachineClass', policy({ min: 4, max: 4, step: 4 }))).toEqual([
      cel('spec.sizingPolicies[0].cores', 'The maximum must be greater than the minimum'),
      cel('spec.sizingPolicies[0].cores', 'The maximum must be greater than the step'),
    ]);
    expect(dvpCauses('VirtualMachineClass', policy({ min: 0, max: 2000 }))).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.sizingPolicies[0].cores.min',
        message:
          'Invalid value: 0: spec.sizingPolicies[0].cores.min in body should be greater than or equal to 1',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.sizingPolicies[0].cores.max',
        message:
          'Invalid value: 2000: spec.sizingPolicies[0].cores.max in body should be less than or equal to 1024',
      },
    ]);
    expect(dvpParse('VirtualMachineClass', policy({ min: 2, max: 10, step: 4 }))).toBeDefined();
  });

  it('checks defaultCoreFraction per version', () => {
    const withDefault = (defaultCoreFraction: unknown, fractions: unknown[]) => ({
      spec: {
        cpu: { type: 'Host' },
        sizingPolicies: [
          { cores: { min: 1, max: 2 }, coreFractions: fractions, defaultCoreFraction },
        ],
      },
    });
    expect(dvpCauses('VirtualMachineClass', withDefault(0, [10]))).toEqual([
      cel(
        'spec.sizingPolicies[0].defaultCoreFraction',
        "The default core fraction must be a number from 1 to 100, or 'Auto'.",
        '',
      ),
    ]);
    expect(dvpCauses('VirtualMachineClass', withDefault('Autos', [10]))).toEqual([
      {
        reason: 'FieldValueTooLong',
        field: 'spec.sizingPolicies[0].defaultCoreFraction',
        message: 'Too long: may not be more than 4 bytes',
      },
      cel(
        'spec.sizingPolicies[0].defaultCoreFraction',
        "The default core fraction must be a number from 1 to 100, or 'Auto'.",
        '',
      ),
    ]);
    expect(dvpCauses('VirtualMachineClass', withDefault('10%', ['10%']), 'v1alpha2')).toEqual([
      expect.objectContaining({
        field: 'spec.sizingPolicies[0].coreFractions[0]',
        reason: 'FieldValueTypeInvalid',
      }),
      expect.objectContaining({ field: 'spec.sizingPolicies[0].defaultCoreFraction' }),
    ]);
    expect(
      dvpParse('VirtualMachineClass', withDefault('10%', ['10%', '100%']), 'v1alpha3'),
    ).toBeDefined();
    expect(dvpCauses('VirtualMachineClass', withDefault(10, [10]), 'v1alpha3')).toEqual([
      expect.objectContaining({
        field: 'spec.sizingPolicies[0].coreFractions[0]',
        reason: 'FieldValueTypeInvalid',
      }),
      expect.objectContaining({
        field: 'spec.sizingPolicies[0].defaultCoreFraction',
        reason: 'FieldValueTypeInvalid',
      }),
    ]);
  });
});

describe('convertVirtualMachineClass', () => {
  it('turns integer fractions into percentages for v1alpha3', () => {
    const v3 = convertVirtualMachineClass(v2, 'v1alpha3');
    expect(v3.apiVersion).toBe('virtualization.deckhouse.io/v1alpha3');
    expect(v3.spec.sizingPolicies).toEqual([
      {
        cores: { min: 1, max: 4 },
        coreFractions: ['5%', '10%', '100%'],
        defaultCoreFraction: '10%',
        dedicatedCores: [false],
      },
      { cores: { min: 5, max: 8 }, coreFractions: ['50%', '100%'], defaultCoreFraction: 'Auto' },
      { cores: { min: 9, max: 16 }, memory: { min: '1Gi', max: '64Gi', step: '1Gi' } },
    ]);
    expect(v3.metadata).toEqual(v2.metadata);
    expect(v3.status).toEqual(v2.status);
    // The result is a valid v1alpha3 object.
    expect(VirtualMachineClassV1alpha3Schema.parse(v3)).toEqual(v3);
  });

  it('round-trips v1alpha2 → v1alpha3 → v1alpha2 and back', () => {
    const v3: VirtualMachineClassV1alpha3 = convertVirtualMachineClass(v2, 'v1alpha3');
    expect(convertVirtualMachineClass(v3, 'v1alpha2')).toEqual(v2);
    expect(
      convertVirtualMachineClass(convertVirtualMachineClass(v3, 'v1alpha2'), 'v1alpha3'),
    ).toEqual(v3);
  });

  it('is pure and returns a copy when the version already matches', () => {
    const before = JSON.stringify(v2);
    const same = convertVirtualMachineClass(v2, 'v1alpha2');
    convertVirtualMachineClass(v2, 'v1alpha3');
    expect(JSON.stringify(v2)).toBe(before);
    expect(same).toEqual(v2);
    expect(same).not.toBe(v2);
  });
});
