import { describe, expect, it } from 'vitest';

import { humanAge, humanDuration } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1500, '0s'],
    [-1 * s + 1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m, '5m'],
    [5 * m + 30 * s, '5m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [400 * d, '400d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [3 * 365 * d, '3y'],
    [3 * 365 * d + 10 * d, '3y10d'],
    [8 * 365 * d + 100 * d, '8y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('humanAge', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it('renders the age of an RFC 3339 timestamp', () => {
    expect(humanAge('2025-03-01T11:54:30Z', now)).toBe('5m30s');
    expect(humanAge('2025-02-27T07:00:00Z', now)).toBe('2d5h');
    expect(humanAge('2025-03-01T14:00:00+02:00', now)).toBe('0s');
    expect(humanAge('2025-03-01T11:59:59.500Z', now)).toBe('0s');
  });

  it('reports the zero time and empty strings as <unknown>', () => {
    expect(humanAge('', now)).toBe('<unknown>');
    expect(humanAge('null', now)).toBe('<unknown>');
    expect(humanAge('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });

  it('reports unparsable timestamps and far-future ones as <invalid>', () => {
    expect(humanAge('yesterday', now)).toBe('<invalid>');
    expect(humanAge('2025-03-01', now)).toBe('<invalid>');
    expect(humanAge('2025-03-01 11:00:00Z', now)).toBe('<invalid>');
    expect(humanAge('2025-03-01T12:00:05Z', now)).toBe('<invalid>');
  });
});
