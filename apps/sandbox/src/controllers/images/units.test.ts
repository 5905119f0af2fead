import { describe, expect, it } from 'vitest';
import { formatBytes, formatProgress, parseProgress, sizeStatus, SpeedMeter } from './units.ts';

describe('sizes', () => {
  it('prints bytes as DVP does', () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(512)).toBe('512B');
    expect(formatBytes(1024)).toBe('1Ki');
    expect(formatBytes(19_267_584)).toBe('18.4Mi');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.5Gi');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1Mi');
    expect(formatBytes(-1)).toBe('0B');
  });

  it('builds status.size with byte strings', () => {
    expect(sizeStatus(1536, 1048576)).toEqual({
      stored: '1.5Ki',
      storedBytes: '1536',
      unpacked: '1Mi',
      unpackedBytes: '1048576',
    });
  });
});

describe('progress', () => {
  it('floors to one decimal and only says 100.0% at the end', () => {
    expect(formatProgress(0, 100)).toBe('0.0%');
    expect(formatProgress(282, 1000)).toBe('28.2%');
    expect(formatProgress(9999, 10000)).toBe('99.9%');
    expect(formatProgress(10000, 10000)).toBe('100.0%');
    expect(formatProgress(20000, 10000)).toBe('100.0%');
    expect(formatProgress(5, undefined)).toBeUndefined();
  });

  it('parses what it prints', () => {
    expect(parseProgress('28.2%')).toBe(28.2);
    expect(parseProgress('100%')).toBe(100);
    expect(parseProgress('x')).toBeUndefined();
    expect(parseProgress(undefined)).toBeUndefined();
  });
});

describe('SpeedMeter', () => {
  it('reports the average since the start and the current speed over its window', () => {
    const m = new SpeedMeter(0, 2000);
    m.add(1_000_000, 1000); // 1 MB in the first second
    m.add(1_000_000, 2000);
    m.add(4_000_000, 3000); // then faster
    m.add(4_000_000, 4000);
    expect(m.bytes).toBe(10_000_000);
    expect(m.average(4000)).toBe(2_500_000);
    expect(m.current(4000)).toBe(4_000_000);
    expect(m.status(4000)).toEqual({
      avg: '2.4Mi/s',
      avgBytes: '2500000',
      current: '3.8Mi/s',
      currentBytes: '4000000',
    });
  });

  it('is zero before time passes', () => {
    const m = new SpeedMeter(1000);
    expect(m.average(1000)).toBe(0);
    expect(m.current(1000)).toBe(0);
  });
});
