import { describe, expect, it } from 'vitest';
import {
  MAX_VM_CORES,
  coreStep,
  cpuTopology,
  isValidCoreCount,
  nearestValidCores,
  socketsForCores,
  validCoreCounts,
} from './cpu-topology.ts';

describe('cpuTopology (user guide examples)', () => {
  it.each([
    [1, 1, 1],
    [8, 1, 8],
    [16, 1, 16],
    [18, 2, 9],
    [20, 2, 10],
    [32, 2, 16],
    [36, 4, 9],
    [40, 4, 10],
    [64, 4, 16],
    [72, 8, 9],
    [80, 8, 10],
    [248, 8, 31],
  ])('%i cores → %i × %i', (cores, sockets, coresPerSocket) => {
    expect(cpuTopology(cores)).toEqual({ ok: true, topology: { sockets, coresPerSocket } });
  });

  it.each([
    [17, 2],
    [31, 2],
    [34, 4],
    [62, 4],
    [65, 8],
    [100, 8],
  ])('%i cores is refused: multiple of %i', (cores, n) => {
    expect(cpuTopology(cores)).toEqual({
      ok: false,
      message: `the requested number of cores must be a multiple of ${n}`,
      step: n,
    });
  });

  it('refuses more than 248 and non-positive counts', () => {
    expect(cpuTopology(256)).toEqual({
      ok: false,
      message: 'the requested number of cores must be no more than 248',
    });
    expect(cpuTopology(0).ok).toBe(false);
    expect(cpuTopology(-4).ok).toBe(false);
    expect(cpuTopology(2.5).ok).toBe(false);
  });
});

describe('helpers', () => {
  it('sockets and steps follow the ranges', () => {
    expect([16, 17, 32, 33, 64, 65].map(socketsForCores)).toEqual([1, 2, 2, 4, 4, 8]);
    expect(coreStep(40)).toBe(4);
  });

  it('lists every valid count, matching the guide', () => {
    const valid = validCoreCounts();
    expect(valid.slice(0, 18)).toEqual([...Array.from({ length: 16 }, (_, i) => i + 1), 18, 20]);
    expect(valid.filter((c) => c > 32 && c <= 64)).toEqual([36, 40, 44, 48, 52, 56, 60, 64]);
    expect(valid.at(-1)).toBe(MAX_VM_CORES);
    expect(valid.every(isValidCoreCount)).toBe(true);
  });

  it('suggests neighbours for invalid counts', () => {
    expect(nearestValidCores(17)).toEqual({ lower: 16, upper: 18 });
    expect(nearestValidCores(250)).toEqual({ lower: 248 });
    expect(nearestValidCores(20)).toEqual({ lower: 20, upper: 20 });
  });
});
