import { describe, expect, it } from 'vitest';
import { numberRuns, previewSizingPolicy } from './sizing-policy-preview.ts';

describe('numberRuns', () => {
  it('compresses arithmetic runs and keeps lone values', () => {
    expect(numberRuns([1, 2, 3, 4])).toEqual([{ from: 1, to: 4, step: 1 }]);
    expect(numberRuns([15, 16, 18, 20, 22])).toEqual([
      { from: 15, to: 16, step: 1 },
      { from: 18, to: 22, step: 2 },
    ]);
    expect(numberRuns([1, 5])).toEqual([
      { from: 1, to: 1, step: 1 },
      { from: 5, to: 5, step: 1 },
    ]);
    expect(numberRuns([])).toEqual([]);
  });
});

describe('previewSizingPolicy', () => {
  it('shows the admin guide policy: cores 1–4, fractions, 15 memory sizes from 1 to 8 GiB', () => {
    const p = previewSizingPolicy({
      cores: { min: 1, max: 4 },
      memory: { min: '1Gi', max: '8Gi', step: '512Mi' },
      coreFractions: [100, 5, 10, 20, 50],
      defaultCoreFraction: 20,
    });
    expect(p).toEqual({
      cores: [{ from: 1, to: 4, step: 1 }],
      coreFractions: [5, 10, 20, 50, 100],
      defaultCoreFraction: '20%',
      memory: [{ perCore: false, min: 1n << 30n, max: 8n << 30n, step: 512n << 20n, sizes: 15 }],
    });
  });

  it('shows per-core memory, topology-valid core runs and an uneven last step', () => {
    const p = previewSizingPolicy({
      cores: { min: 17, max: 1024 },
      memory: { perCore: { min: '1Gi', max: '2Gi' } },
      coreFractions: ['100%'],
    });
    expect(p.cores).toEqual([
      { from: 18, to: 32, step: 2 },
      { from: 36, to: 64, step: 4 },
      { from: 72, to: 248, step: 8 },
    ]);
    expect(p.memory).toEqual([{ perCore: true, min: 1n << 30n, max: 2n << 30n }]);
    expect(
      previewSizingPolicy({
        cores: { min: 1, max: 2 },
        memory: { min: '1Gi', max: '4Gi', step: '2Gi' },
      }).memory[0]?.sizes,
    ).toBe(3);
  });
});
