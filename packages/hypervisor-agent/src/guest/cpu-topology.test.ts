import { describe, expect, it } from 'vitest';
import { cpuTopology } from './cpu-topology.ts';

describe('cpuTopology', () => {
  it.each([
    [1, 1, 1],
    [16, 1, 16],
    [18, 2, 9],
    [32, 2, 16],
    [36, 4, 9],
    [64, 4, 16],
    [72, 8, 9],
    [248, 8, 31],
  ])('%i cores → %i sockets × %i', (cores, sockets, coresPerSocket) => {
    expect(cpuTopology(cores)).toEqual({ sockets, coresPerSocket });
  });

  it.each([0, -1, 1.5, 249])('rejects %s cores', (cores) => {
    expect(() => cpuTopology(cores)).toThrow(RangeError);
  });

  it('rejects core counts that do not divide by the socket count', () => {
    expect(() => cpuTopology(17)).toThrow('the requested number of cores must be a multiple of 2');
    expect(() => cpuTopology(34)).toThrow('multiple of 4');
    expect(() => cpuTopology(66)).toThrow('multiple of 8');
  });
});
