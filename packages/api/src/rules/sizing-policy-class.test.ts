import { describe, expect, it } from 'vitest';
import { findCoreRangeOverlap, validateSizingPolicies } from './sizing-policy-class.ts';
import type { SizingPolicy } from './sizing-policy.ts';

// The `generic` class the module installs (dvp-api.md §5).
const GENERIC: SizingPolicy[] = [
  { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20, 50, 100] },
  { cores: { min: 5, max: 8 }, coreFractions: [20, 50, 100] },
  { cores: { min: 9, max: 16 }, coreFractions: [50, 100], dedicatedCores: [true, false] },
  { cores: { min: 17, max: 1024 }, coreFractions: [100] },
];

describe('validateSizingPolicies', () => {
  it('accepts the generic class and consecutive ranges from the admin guide', () => {
    expect(validateSizingPolicies('generic', GENERIC)).toEqual([]);
    expect(validateSizingPolicies('empty', undefined)).toEqual([]);
  });

  it('rejects overlapping ranges (admin guide: min 4 after max 4)', () => {
    const crossing: SizingPolicy[] = [{ cores: { min: 1, max: 4 } }, { cores: { min: 4, max: 8 } }];
    expect(validateSizingPolicies('bad', crossing)).toEqual([
      {
        field: 'spec.sizingPolicies',
        source: 'webhook',
        message: 'vmclass bad has size policy cpu crosses',
      },
    ]);
  });

  it('detects a range nested in another', () => {
    expect(
      findCoreRangeOverlap([{ cores: { min: 1, max: 10 } }, { cores: { min: 3, max: 5 } }]),
    ).toEqual([0, 1]);
    expect(findCoreRangeOverlap(GENERIC)).toBeUndefined();
  });

  it('requires max > min and max > step (CEL)', () => {
    const issues = validateSizingPolicies('c', [
      { cores: { min: 4, max: 4 } },
      { cores: { min: 5, max: 8, step: 8 } },
    ]);
    expect(issues).toEqual([
      {
        field: 'spec.sizingPolicies[0].cores',
        source: 'schema',
        message: 'The maximum must be greater than the minimum',
      },
      {
        field: 'spec.sizingPolicies[1].cores',
        source: 'schema',
        message: 'The maximum must be greater than the step',
      },
    ]);
    expect(
      validateSizingPolicies('c', [{ cores: { min: 4, max: 4 } }], { sources: ['webhook'] }),
    ).toEqual([]);
  });

  it('requires defaultCoreFraction to be one of coreFractions', () => {
    const v2: SizingPolicy[] = [
      { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20], defaultCoreFraction: 30 },
    ];
    expect(validateSizingPolicies('c', v2)).toEqual([
      {
        field: 'spec.sizingPolicies[0].defaultCoreFraction',
        source: 'webhook',
        message:
          'vmclass c sizingPolicy[0]: defaultCoreFraction 30 is not in the allowed coreFractions list [5 10 20]',
      },
    ]);
    const v3: SizingPolicy[] = [
      { cores: { min: 1, max: 4 }, coreFractions: ['5%', '10%'], defaultCoreFraction: '10%' },
    ];
    expect(validateSizingPolicies('c', v3)).toEqual([]);
    const auto: SizingPolicy[] = [
      { cores: { min: 1, max: 4 }, coreFractions: [5, 10], defaultCoreFraction: 'Auto' },
    ];
    expect(validateSizingPolicies('c', auto)).toEqual([]);
  });

  it('flags policies without cores and inverted memory bounds', () => {
    const issues = validateSizingPolicies('c', [
      { memory: { min: '8Gi', max: '1Gi', perCore: { min: '2Gi', max: '1Gi' } } },
    ]);
    expect(issues.map((i) => [i.field, i.source])).toEqual([
      ['spec.sizingPolicies', 'webhook'],
      ['spec.sizingPolicies[0].memory', 'form'],
      ['spec.sizingPolicies[0].memory.perCore', 'form'],
    ]);
  });
});
