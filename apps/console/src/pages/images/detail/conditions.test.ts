import { describe, expect, it } from 'vitest';
import { progressPercent } from '../model.ts';
import { diagnoseImage, sortImageConditions } from './conditions.ts';

describe('image conditions', () => {
  it('explains Ready by its reason', () => {
    expect(diagnoseImage({ type: 'Ready', status: 'True', reason: 'Ready' }).key).toBe(
      'images.cond.Ready.ok',
    );
    expect(
      diagnoseImage({ type: 'Ready', status: 'False', reason: 'WaitForUserUpload' }),
    ).toMatchObject({ key: 'images.cond.Ready.WaitForUserUpload', tone: 'info' });
    expect(
      diagnoseImage({ type: 'Ready', status: 'False', reason: 'ProvisioningFailed' }).tone,
    ).toBe('danger');
    expect(diagnoseImage({ type: 'Ready', status: 'False', reason: 'Odd' }).key).toBe(
      'images.cond.Ready.bad',
    );
  });

  it('does not call registry storage a storage class problem', () => {
    expect(
      diagnoseImage({ type: 'StorageClassReady', status: 'False', reason: 'DVCRTypeUsed' }).tone,
    ).toBe('neutral');
  });

  it('puts problems first', () => {
    const sorted = sortImageConditions([
      { type: 'InUse', status: 'False', reason: 'NotInUse' },
      { type: 'DatasourceReady', status: 'True', reason: 'DatasourceReady' },
      { type: 'Ready', status: 'False', reason: 'ProvisioningFailed' },
    ]);
    expect(sorted.map((s) => s.condition.type)).toEqual(['Ready', 'InUse', 'DatasourceReady']);
  });

  it('reads the progress the cluster reports', () => {
    expect(progressPercent('33.5%')).toBe(33.5);
    expect(progressPercent('100%')).toBe(100);
    expect(progressPercent(undefined)).toBeUndefined();
    expect(progressPercent('N/A')).toBeUndefined();
  });
});
