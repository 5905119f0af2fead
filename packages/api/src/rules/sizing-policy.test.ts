import { describe, expect, it } from 'vitest';
import type { VirtualMachineClass, VirtualMachineClassV1alpha3 } from '../kinds/vm-class.ts';
import {
  coreFractionValue,
  defaultCoreFraction,
  findSizingPolicy,
  matchSizingPolicy,
  nearestOnGrid,
  sizingPolicyMessage,
  type SizingPolicy,
} from './sizing-policy.ts';

// User guide (seed 000), "Virtual machine resource configuration and sizing policy".
const USER_GUIDE: SizingPolicy[] = [
  {
    cores: { min: 1, max: 4 },
    memory: { min: '1Gi', max: '8Gi' },
    coreFractions: [5, 10, 20, 50, 100],
  },
  { cores: { min: 5, max: 8 }, memory: { min: '5Gi', max: '16Gi' }, coreFractions: [20, 50, 100] },
];

// Admin guide (seed 002), "Sizing policy settings".
const ADMIN_GUIDE: SizingPolicy[] = [
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

const names = { vmName: 'linux-vm', className: 'generic' };

describe('findSizingPolicy', () => {
  it('2 cores fall in 1–4, 6 cores in 5–8', () => {
    expect(findSizingPolicy(USER_GUIDE, 2)?.index).toBe(0);
    expect(findSizingPolicy(USER_GUIDE, 6)?.index).toBe(1);
    expect(findSizingPolicy(USER_GUIDE, 9)).toBeUndefined();
    expect(findSizingPolicy(undefined, 1)).toBeUndefined();
  });
});

describe('matchSizingPolicy', () => {
  it('accepts 2 cores, 4Gi, 20% in the 1–4 range', () => {
    const m = matchSizingPolicy(
      { cores: 2, memory: '4Gi', coreFraction: '20%' },
      USER_GUIDE,
      names,
    );
    expect(m).toMatchObject({
      ok: true,
      index: 0,
      violations: [],
      allowedCoreFractions: [5, 10, 20, 50, 100],
    });
  });

  it('rejects coreFraction 30% where [5,10,20,50,100] is allowed', () => {
    const m = matchSizingPolicy(
      { cores: 2, memory: '4Gi', coreFraction: '30%' },
      USER_GUIDE,
      names,
    );
    expect(m.ok).toBe(false);
    expect(m.violations).toEqual([
      {
        field: 'cpu.coreFraction',
        message: 'VM core fraction value 30 is not within the allowed values',
      },
    ]);
    expect(sizingPolicyMessage(m)).toBe(
      'sizing policy validate: VM core fraction value 30 is not within the allowed values',
    );
  });

  it('accepts v1alpha3 string fractions and numeric VM fractions', () => {
    const v3: SizingPolicy[] = [{ cores: { min: 1, max: 4 }, coreFractions: ['5%', '20%'] }];
    expect(matchSizingPolicy({ cores: 1, memory: '1Gi', coreFraction: 20 }, v3, names).ok).toBe(
      true,
    );
    expect(matchSizingPolicy({ cores: 1, memory: '1Gi', coreFraction: '10%' }, v3, names).ok).toBe(
      false,
    );
  });

  it('uses the default (100% unless the policy says otherwise) when coreFraction is unset', () => {
    const p: SizingPolicy[] = [{ cores: { min: 1, max: 4 }, coreFractions: [5, 10] }];
    expect(matchSizingPolicy({ cores: 1, memory: '1Gi' }, p, names).ok).toBe(false);
    const withDefault = [{ ...p[0], defaultCoreFraction: 10 }] as SizingPolicy[];
    expect(matchSizingPolicy({ cores: 1, memory: '1Gi' }, withDefault, names).ok).toBe(true);
  });

  it('lets Auto through and reports unparsable fractions', () => {
    expect(
      matchSizingPolicy({ cores: 1, memory: '1Gi', coreFraction: 'Auto' }, USER_GUIDE, names).ok,
    ).toBe(true);
    const bad = matchSizingPolicy(
      { cores: 1, memory: '1Gi', coreFraction: 'half' },
      USER_GUIDE,
      names,
    );
    expect(bad.violations[0]?.message).toMatch(/^unable to parse CPU core fraction/);
  });

  it('reports cores outside every range with DVP wording', () => {
    const m = matchSizingPolicy({ cores: 12, memory: '12Gi' }, USER_GUIDE, names);
    expect(m.violations).toEqual([
      {
        field: 'cpu.cores',
        message:
          'virtual machine "linux-vm" resources do not match any sizing policies in class "generic"',
      },
    ]);
    expect(sizingPolicyMessage(m)).toBe(m.violations[0]?.message);
  });

  it('reports memory below the minimum and above the maximum', () => {
    const low = matchSizingPolicy(
      { cores: 6, memory: '4Gi', coreFraction: '50%' },
      USER_GUIDE,
      names,
    );
    expect(low.violations).toEqual([
      {
        field: 'memory.size',
        message:
          'requested VM memory (4Gi) is less than the minimum allowed, available range [5Gi, 16Gi]',
      },
    ]);
    const high = matchSizingPolicy(
      { cores: 2, memory: '9Gi', coreFraction: '50%' },
      USER_GUIDE,
      names,
    );
    expect(high.violations[0]?.message).toBe(
      'requested VM memory (9Gi) exceeds the maximum allowed, available range [1Gi, 8Gi]',
    );
  });

  it('enforces the 512Mi memory step (1Gi, 1.5Gi, 2Gi …)', () => {
    expect(
      matchSizingPolicy({ cores: 2, memory: '1536Mi', coreFraction: '5%' }, ADMIN_GUIDE, names).ok,
    ).toBe(true);
    expect(
      matchSizingPolicy({ cores: 2, memory: '8Gi', coreFraction: '5%' }, ADMIN_GUIDE, names).ok,
    ).toBe(true);
    const m = matchSizingPolicy(
      { cores: 2, memory: '1300Mi', coreFraction: '5%' },
      ADMIN_GUIDE,
      names,
    );
    expect(m.violations).toEqual([
      {
        field: 'memory.size',
        message:
          'requested VM memory does not match any available values, nearest valid values are [1Gi, 1536Mi]',
      },
    ]);
  });

  it('checks memory per core for 17–248 cores', () => {
    expect(
      matchSizingPolicy({ cores: 20, memory: '30Gi', coreFraction: '100%' }, ADMIN_GUIDE, names).ok,
    ).toBe(true);
    const m = matchSizingPolicy(
      { cores: 20, memory: '50Gi', coreFraction: '100%' },
      ADMIN_GUIDE,
      names,
    );
    expect(m.violations).toEqual([
      {
        field: 'memory.size',
        message:
          'requested VM per core memory (2560Mi) exceeds the maximum allowed, available range [1Gi, 2Gi]',
      },
    ]);
  });

  it('collects several violations into one DVP message', () => {
    const m = matchSizingPolicy(
      { cores: 6, memory: '2Gi', coreFraction: '5%' },
      ADMIN_GUIDE,
      names,
    );
    expect(m.violations.map((v) => v.field)).toEqual(['cpu.coreFraction', 'memory.size']);
    expect(sizingPolicyMessage(m)).toBe(
      'sizing policy validate: VM core fraction value 5 is not within the allowed values\n' +
        'requested VM memory (2Gi) is less than the minimum allowed, available range [5Gi, 16Gi]',
    );
  });

  it('enforces a cores step (min 2, max 10, step 4 → 2, 6, 10)', () => {
    const p: SizingPolicy[] = [{ cores: { min: 2, max: 10, step: 4 } }];
    expect(
      [2, 6, 10].map((c) => matchSizingPolicy({ cores: c, memory: '1Gi' }, p, names).ok),
    ).toEqual([true, true, true]);
    expect(matchSizingPolicy({ cores: 4, memory: '1Gi' }, p, names).violations[0]?.message).toBe(
      'requested VM cores does not match any available values, nearest valid values are [2, 6]',
    );
  });

  it('accepts anything when the class has no policies', () => {
    expect(matchSizingPolicy({ cores: 100, memory: '1Ti' }, [], names).ok).toBe(true);
    expect(matchSizingPolicy({ cores: 100, memory: '1Ti' }, undefined, names).ok).toBe(true);
  });

  it('reports an invalid memory quantity instead of throwing', () => {
    const m = matchSizingPolicy({ cores: 2, memory: '1GB', coreFraction: '5%' }, USER_GUIDE, names);
    expect(m.violations).toEqual([{ field: 'memory.size', message: 'invalid quantity "1GB"' }]);
  });
});

describe('defaults and helpers', () => {
  it('defaultCoreFraction reads the policy default', () => {
    const p: SizingPolicy[] = [
      { cores: { min: 1, max: 4 }, coreFractions: [10, 20], defaultCoreFraction: 20 },
      { cores: { min: 5, max: 8 }, coreFractions: ['50%'], defaultCoreFraction: '50%' },
      { cores: { min: 9, max: 16 }, defaultCoreFraction: 'Auto' },
    ];
    expect(defaultCoreFraction(p, 2)).toBe('20%');
    expect(defaultCoreFraction(p, 6)).toBe('50%');
    expect(defaultCoreFraction(p, 10)).toBe('Auto');
    expect(defaultCoreFraction(p, 20)).toBe('100%');
    expect(defaultCoreFraction(undefined, 1)).toBe('100%');
  });

  it('coreFractionValue normalises forms', () => {
    expect([20, '20', '20%', 'Auto', undefined].map(coreFractionValue)).toEqual([
      20,
      20,
      20,
      undefined,
      undefined,
    ]);
  });

  it('nearestOnGrid finds neighbours and clamps to max', () => {
    expect(nearestOnGrid(5n, 2n, 10n, 4n)).toEqual([2n, 6n]);
    expect(nearestOnGrid(9n, 2n, 11n, 4n)).toEqual([6n, 10n]);
    expect(nearestOnGrid(11n, 2n, 12n, 4n)).toEqual([10n, 12n]);
    expect(nearestOnGrid(6n, 2n, 10n, 4n)).toBeUndefined();
    expect(nearestOnGrid(1n, 2n, 10n, 4n)).toBeUndefined();
  });
});

describe('compatibility with the kind types', () => {
  it('accepts sizingPolicies of both VirtualMachineClass versions as they are typed', () => {
    const v2: VirtualMachineClass['spec']['sizingPolicies'] = [
      { cores: { min: 1, max: 4 }, coreFractions: [5, 10], defaultCoreFraction: 10 },
    ];
    const v3: VirtualMachineClassV1alpha3['spec']['sizingPolicies'] = [
      { cores: { min: 1, max: 4 }, coreFractions: ['5%', '10%'], defaultCoreFraction: '10%' },
    ];
    // Compile-time check: the inferred kind types are assignable to the rule's input type.
    const inputs: (readonly SizingPolicy[] | undefined)[] = [v2, v3];
    expect(inputs.map((p) => defaultCoreFraction(p, 2))).toEqual(['10%', '10%']);
  });
});
