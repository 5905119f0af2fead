import { describe, expect, it } from 'vitest';
import { allocateRandomIp } from './allocate.ts';

describe('allocateRandomIp', () => {
  it('hands out every usable address of a small pool once, never network or broadcast', () => {
    const used: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const ip = allocateRandomIp(['192.168.7.8/29'], used);
      expect(ip).toBeDefined();
      used.push(ip ?? '');
    }
    expect(used.sort()).toEqual([
      '192.168.7.10',
      '192.168.7.11',
      '192.168.7.12',
      '192.168.7.13',
      '192.168.7.14',
      '192.168.7.9',
    ]);
    expect(allocateRandomIp(['192.168.7.8/29'], used)).toBeUndefined();
  });

  it('spreads picks over the pool instead of counting up', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i += 1) seen.add(allocateRandomIp(['10.66.10.0/24'], []) ?? '');
    expect(seen.size).toBeGreaterThan(20);
    for (const ip of seen) expect(ip).not.toMatch(/\.(0|255)$/);
  });

  it('finds the last free address of a nearly full pool across several CIDRs', () => {
    const used = ['10.0.0.1', '10.0.0.2', '10.0.1.1'];
    // Every random pick lands on a used address; the scan still finds 10.0.1.2.
    expect(allocateRandomIp(['10.0.0.0/30', '10.0.1.0/30'], used, () => 0)).toBe('10.0.1.2');
  });

  it('skips pools without assignable addresses and invalid CIDRs', () => {
    expect(allocateRandomIp(['10.0.0.0/31', '10.0.0.9/32', 'nonsense'], [])).toBeUndefined();
    expect(allocateRandomIp(undefined, [])).toBeUndefined();
  });
});
