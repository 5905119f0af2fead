import { describe, expect, it } from 'vitest';
import { validateSizingPolicies } from './sizing-policy-class.ts';
import { allowedCores, checkSizingPolicies, type SizingRuleCode } from './sizing-policy-rules.ts';
import type { SizingPolicy } from './sizing-policy.ts';

// The admin guide's (seed 002) example policy: consecutive ranges, memory and fractions.
const GUIDE: SizingPolicy[] = [
  {
    cores: { min: 1, max: 4 },
    memory: { min: '1Gi', max: '8Gi', step: '512Mi' },
    coreFractions: [5, 10, 20, 50, 100],
  },
  {
    cores: { min: 5, max: 8 },
    memory: { min: '5Gi', max: '16Gi', step: '1Gi' },
    coreFractions: [20, 50, 100],
  },
  {
    cores: { min: 9, max: 16 },
    memory: { min: '9Gi', max: '32Gi', step: '1Gi' },
    coreFractions: [50, 100],
  },
  {
    cores: { min: 17, max: 248 },
    memory: { perCore: { min: '1Gi', max: '2Gi' } },
    coreFractions: [100],
  },
];

const codes = (p: SizingPolicy[]): SizingRuleCode[] => checkSizingPolicies(p).map((i) => i.code);

describe('checkSizingPolicies', () => {
  it('accepts the admin guide example and v1alpha3 fractions', () => {
    expect(checkSizingPolicies(GUIDE)).toEqual([]);
    expect(checkSizingPolicies(undefined)).toEqual([]);
    expect(
      codes([
        { cores: { min: 1, max: 4 }, coreFractions: ['25%', '50%'], defaultCoreFraction: '25%' },
      ]),
    ).toEqual([]);
  });

  it('reports overlapping ranges on the later policy (webhook "cpu crosses")', () => {
    const issues = checkSizingPolicies([
      { cores: { min: 1, max: 4 }, coreFractions: [100] },
      { cores: { min: 4, max: 8 }, coreFractions: [100] },
    ]);
    expect(issues).toEqual([
      {
        index: 1,
        field: 'spec.sizingPolicies[1].cores.min',
        code: 'overlap',
        source: 'webhook',
        params: { policy: 1, other: 2 },
      },
    ]);
  });

  it('reports a gap between ranges, in core order whatever the list order', () => {
    const issues = checkSizingPolicies([
      { cores: { min: 6, max: 8 }, coreFractions: [100] },
      { cores: { min: 1, max: 4 }, coreFractions: [100] },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        index: 0,
        code: 'gap',
        source: 'form',
        params: { expected: 5, policy: 2 },
      }),
    ]);
    expect(
      codes([
        { cores: { min: 5, max: 8 }, coreFractions: [100] },
        { cores: { min: 1, max: 4 }, coreFractions: [100] },
      ]),
    ).toEqual([]);
  });

  it('checks the cores bounds of the CRD', () => {
    expect(codes([{ cores: { min: 0, max: 4 }, coreFractions: [100] }])).toEqual(['coresMin']);
    expect(codes([{ cores: { min: 4, max: 4 }, coreFractions: [100] }])).toEqual(['coresOrder']);
    expect(codes([{ cores: { min: 1, max: 2000 }, coreFractions: [100] }])).toEqual([
      'coresMaxLimit',
    ]);
    expect(codes([{ cores: { min: 1, max: 4, step: 4 }, coreFractions: [100] }])).toEqual([
      'coresStep',
    ]);
    expect(codes([{ cores: { min: 1, max: 4, step: 0 }, coreFractions: [100] }])).toEqual([
      'coresStep',
    ]);
  });

  it('flags a range where no core count has a valid CPU topology', () => {
    expect(codes([{ cores: { min: 249, max: 300 }, coreFractions: [100] }])).toEqual([
      'noValidCores',
    ]);
    expect(codes([{ cores: { min: 33, max: 35 }, coreFractions: [100] }])).toEqual([
      'noValidCores',
    ]);
  });

  it('requires memory or core fractions (admin guide)', () => {
    expect(codes([{ cores: { min: 1, max: 4 } }])).toEqual(['noLimits']);
    expect(codes([{ cores: { min: 1, max: 4 }, coreFractions: [] }])).toEqual(['noLimits']);
    expect(codes([{ cores: { min: 1, max: 4 }, memory: { min: '1Gi' } }])).toEqual([]);
  });

  it('checks fractions: range, duplicates, the default among them', () => {
    expect(codes([{ cores: { min: 1, max: 4 }, coreFractions: [0, 50] }])).toEqual([
      'fractionRange',
    ]);
    expect(codes([{ cores: { min: 1, max: 4 }, coreFractions: [150] }])).toEqual(['fractionRange']);
    expect(codes([{ cores: { min: 1, max: 4 }, coreFractions: [50, '50%'] }])).toEqual([
      'fractionDuplicate',
    ]);
    expect(
      checkSizingPolicies([
        { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20, 50, 100], defaultCoreFraction: 30 },
      ]),
    ).toEqual([
      expect.objectContaining({
        field: 'spec.sizingPolicies[0].defaultCoreFraction',
        code: 'defaultFraction',
        source: 'webhook',
      }),
    ]);
    expect(
      codes([{ cores: { min: 1, max: 4 }, coreFractions: [5, 10], defaultCoreFraction: 'Auto' }]),
    ).toEqual([]);
  });

  it('checks memory: quantities, order, and a step that fits a range', () => {
    const mem = (memory: SizingPolicy['memory']) => codes([{ cores: { min: 1, max: 4 }, memory }]);
    expect(mem({ min: '1Gx' })).toEqual(['memoryInvalid']);
    expect(mem({ min: '8Gi', max: '1Gi' })).toEqual(['memoryOrder']);
    expect(mem({ perCore: { min: '2Gi', max: '1Gi' } })).toEqual(['memoryOrder']);
    expect(mem({ min: '1Gi', step: '1Gi' })).toEqual(['memoryStepRange']);
    expect(mem({ min: '1Gi', max: '8Gi', step: '0' })).toEqual(['memoryStepZero']);
    expect(mem({ min: '1Gi', max: '8Gi', step: '3Gi' })).toEqual(['memoryStepMisfit']);
    expect(mem({ min: '1Gi', max: '8Gi', step: '512Mi' })).toEqual([]);
    expect(mem({ perCore: { min: '1Gi', max: '2Gi' }, step: '512Mi' })).toEqual([]);
  });

  it('reports a blocking issue wherever the shared webhook and schema check does (one rule, two users)', () => {
    const samples: SizingPolicy[][] = [
      GUIDE,
      [{ cores: { min: 1, max: 4 } }, { cores: { min: 2, max: 3 } }],
      [{ cores: { min: 1, max: 10 } }, { cores: { min: 3, max: 5 } }],
      [{ cores: { min: 5, max: 5 }, coreFractions: [10] }],
      [{ cores: { min: 1, max: 4, step: 9 } }],
      [{ cores: { min: 1, max: 4 }, coreFractions: [10, 20], defaultCoreFraction: 30 }],
      [{ cores: { min: 1, max: 4 }, coreFractions: ['10%'], defaultCoreFraction: '10%' }],
      [{ memory: { min: '1Gi' } }],
    ];
    for (const s of samples) {
      const shared = validateSizingPolicies('c', s, { sources: ['webhook', 'schema'] });
      const mine = checkSizingPolicies(s).filter((i) => i.source !== 'form');
      expect(mine.length > 0).toBe(shared.length > 0);
    }
  });
});

describe('allowedCores', () => {
  it('follows the step grid (max included) and the CPU topology', () => {
    expect(allowedCores({ min: 2, max: 10, step: 4 })).toEqual([2, 6, 10]);
    expect(allowedCores({ min: 1, max: 8, step: 3 })).toEqual([1, 4, 7, 8]);
    expect(allowedCores({ min: 15, max: 20 })).toEqual([15, 16, 18, 20]);
    expect(allowedCores({ min: 240, max: 1024 })).toEqual([240, 248]);
  });
});
