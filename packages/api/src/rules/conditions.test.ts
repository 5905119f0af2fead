import { describe, expect, it } from 'vitest';
import {
  getCondition,
  isConditionTrue,
  removeCondition,
  setCondition,
  type ConditionLike,
} from './conditions.ts';

const T0 = '2025-01-01T00:00:00Z';
const T1 = '2025-01-01T00:05:00Z';

describe('conditions', () => {
  it('appends a new condition with the current time', () => {
    const list = setCondition(
      undefined,
      { type: 'Ready', status: 'False', reason: 'Provisioning' },
      T0,
    );
    expect(list).toEqual([
      { type: 'Ready', status: 'False', reason: 'Provisioning', lastTransitionTime: T0 },
    ]);
  });

  it('keeps lastTransitionTime when the status does not change', () => {
    const first = setCondition<ConditionLike>(
      [],
      { type: 'Ready', status: 'False', reason: 'A' },
      T0,
    );
    const second = setCondition(
      first,
      { type: 'Ready', status: 'False', reason: 'B', message: 'm' },
      T1,
    );
    expect(second).toEqual([
      { type: 'Ready', status: 'False', reason: 'B', message: 'm', lastTransitionTime: T0 },
    ]);
  });

  it('moves lastTransitionTime when the status changes, keeping order', () => {
    const start: ConditionLike[] = [
      { type: 'A', status: 'True', lastTransitionTime: T0 },
      { type: 'Ready', status: 'False', lastTransitionTime: T0 },
    ];
    const next = setCondition(start, { type: 'Ready', status: 'True' }, T1);
    expect(next.map((c) => c.type)).toEqual(['A', 'Ready']);
    expect(getCondition(next, 'Ready')?.lastTransitionTime).toBe(T1);
    expect(isConditionTrue(next, 'Ready')).toBe(true);
    expect(start[1]?.status).toBe('False');
  });

  it('reads and removes', () => {
    const list: ConditionLike[] = [{ type: 'Bound', status: 'True' }];
    expect(isConditionTrue(list, 'Bound')).toBe(true);
    expect(isConditionTrue(list, 'Attached')).toBe(false);
    expect(getCondition(undefined, 'Bound')).toBeUndefined();
    expect(removeCondition(list, 'Bound')).toEqual([]);
  });
});
