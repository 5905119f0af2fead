import type { SizingPolicy, VmPlacement } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { fitOf, impactOf } from './impact.ts';

const vm = (name: string, cores: number, coreFraction: string, memory: string): VmPlacement => ({
  namespace: 'demo',
  name,
  uid: name,
  phase: 'Running',
  migratable: null,
  className: 'small',
  cores,
  coreFraction,
  memory,
});

const BEFORE: SizingPolicy[] = [
  {
    cores: { min: 1, max: 4 },
    memory: { min: '256Mi', max: '8Gi' },
    coreFractions: [10, 20, 50, 100],
  },
];
const AFTER: SizingPolicy[] = [
  {
    cores: { min: 1, max: 2 },
    memory: { min: '512Mi', max: '4Gi' },
    coreFractions: [10, 20, 50, 100],
  },
];

describe('impactOf', () => {
  it('lists the VMs the changed rules would reject, with DVP’s reason', () => {
    const vms = [
      vm('fits', 1, '10%', '1Gi'),
      vm('small-mem', 1, '10%', '256Mi'),
      vm('big', 4, '50%', '2Gi'),
    ];
    const impact = impactOf(vms, BEFORE, AFTER, 'small');
    expect(impact.map((i) => i.vm.name)).toEqual(['small-mem', 'big']);
    expect(impact[0]?.message).toContain('is less than the minimum allowed');
    expect(impact[1]?.message).toBe(
      'virtual machine "big" resources do not match any sizing policies in class "small"',
    );
    expect(impact.every((i) => !i.already)).toBe(true);
  });

  it('tells VMs that already break the rules from those the change breaks', () => {
    const impact = impactOf([vm('odd', 1, '30%', '1Gi')], BEFORE, AFTER, 'small');
    expect(impact).toEqual([expect.objectContaining({ already: true })]);
    expect(impact[0]?.message).toContain(
      'VM core fraction value 30 is not within the allowed values',
    );
  });

  it('does not judge a VM whose size is unknown', () => {
    const unknown: VmPlacement = {
      namespace: 'demo',
      name: 'x',
      uid: 'x',
      phase: 'Pending',
      migratable: null,
    };
    expect(fitOf(unknown, AFTER, 'small')).toEqual({ vm: unknown });
    expect(impactOf([unknown], BEFORE, AFTER, 'small')).toEqual([]);
  });
});
