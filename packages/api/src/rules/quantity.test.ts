import { describe, expect, it } from 'vitest';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  QuantityError,
  compareQuantities,
  formatPercent,
  formatQuantity,
  humanizeBytes,
  humanizeQuantity,
  isQuantity,
  normalizeQuantity,
  parsePercent,
  parseQuantity,
  quantityFromBytes,
  quantityToBytes,
  tryParsePercent,
  tryParseQuantity,
} from './quantity.ts';

const bytes = (s: string | number) => quantityToBytes(parseQuantity(s));

describe('parseQuantity', () => {
  it.each([
    ['1Gi', 1073741824n],
    ['512Mi', 536870912n],
    ['1.5G', 1500000000n],
    ['1e3', 1000n],
    ['8Gi', 8n * 1024n ** 3n],
    ['1Ki', 1024n],
    ['2Ti', 2n * 1024n ** 4n],
    ['1k', 1000n],
    ['1M', 1000000n],
    ['0', 0n],
    [1073741824, 1073741824n],
    ['+5', 5n],
    ['.5Ki', 512n],
    ['5.', 5n],
  ])('%s is %s bytes', (input, expected) => {
    expect(bytes(input)).toBe(expected);
  });

  it('keeps fractions exactly and rounds Value() up', () => {
    const q = parseQuantity('100m');
    expect(q.num).toBe(1n);
    expect(q.den).toBe(10n);
    expect(quantityToBytes(q)).toBe(1n);
    expect(quantityToBytes(parseQuantity('-100m'))).toBe(0n);
  });

  it('records the format family', () => {
    expect(parseQuantity('1Gi').format).toBe('BinarySI');
    expect(parseQuantity('1G').format).toBe('DecimalSI');
    expect(parseQuantity('1e3').format).toBe('DecimalExponent');
  });

  it('rounds precision finer than nano up, like kube', () => {
    expect(formatQuantity(parseQuantity('1.5n'))).toBe('2n');
    expect(formatQuantity(parseQuantity('0.0000000001'))).toBe('1n');
  });

  it.each(['', 'abc', 'Gi', '.', '+', ' 1Gi', '1Gi ', '1.2.3', '--1', '1 Gi', '1Gb', '1GiB'])(
    'rejects %j with the format error',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QUANTITY_FORMAT_ERROR);
    },
  );

  it.each(['1K', '1e', '1kk', '1Gi5', '1mi'])('rejects %j as a bad suffix', (input) => {
    expect(() => parseQuantity(input)).toThrow(QUANTITY_SUFFIX_ERROR);
  });

  it('throws QuantityError carrying the input', () => {
    try {
      parseQuantity('12XY');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuantityError);
      expect((e as QuantityError).input).toBe('12XY');
    }
  });

  it('tryParseQuantity and isQuantity do not throw', () => {
    expect(tryParseQuantity('nope')).toBeUndefined();
    expect(isQuantity('1Gi')).toBe(true);
    expect(isQuantity('1GB')).toBe(false);
  });
});

describe('compareQuantities', () => {
  it('compares across formats exactly', () => {
    const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a), parseQuantity(b));
    expect(cmp('1Gi', '1073741824')).toBe(0);
    expect(cmp('1Gi', '1073741823')).toBe(1);
    expect(cmp('1G', '1Gi')).toBe(-1);
    expect(cmp('1024Mi', '1Gi')).toBe(0);
    expect(cmp('100m', '0.1')).toBe(0);
    expect(cmp('9007199254740993', '9007199254740992')).toBe(1);
  });
});

describe('formatQuantity (kube Quantity.String)', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['512Mi', '512Mi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['1.5G', '1500M'],
    ['1500', '1500'],
    ['1000', '1k'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['1e3', '1e3'],
    ['1e-3', '1e-3'],
    ['0.5Ki', '512'],
    ['1000Ki', '1000Ki'],
    ['-1Gi', '-1Gi'],
    ['0Gi', '0'],
    ['12e6', '12e6'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeQuantity(input)).toBe(expected);
  });

  it('formats byte counts as BinarySI', () => {
    expect(formatQuantity(quantityFromBytes(2n * 1024n ** 3n))).toBe('2Gi');
    // Below 1024 kube switches BinarySI to DecimalSI, so 1000 bytes print as "1k".
    expect(formatQuantity(quantityFromBytes(1000))).toBe('1k');
    expect(formatQuantity(quantityFromBytes(1536))).toBe('1536');
  });
});

describe('humanizeBytes', () => {
  it.each([
    [0n, '0 B'],
    [512n, '512 B'],
    [1024n, '1 KiB'],
    [1536n * 1024n * 1024n, '1.5 GiB'],
    [512n * 1024n * 1024n, '512 MiB'],
    [1073741823n, '1 GiB'],
    [1000n * 1024n ** 6n, '1000 EiB'],
  ])('%s → %s', (value, expected) => {
    expect(humanizeBytes(value)).toBe(expected);
  });

  it('humanizes quantity strings and honours fraction digits', () => {
    expect(humanizeQuantity('1536Mi')).toBe('1.5 GiB');
    expect(humanizeQuantity('1G', 1)).toBe('953.7 MiB');
    expect(humanizeBytes(-2048)).toBe('-2 KiB');
  });
});

describe('percent helpers', () => {
  it('accepts 20, "20" and "20%"', () => {
    expect(parsePercent(20)).toBe(20);
    expect(parsePercent('20')).toBe(20);
    expect(parsePercent('20%')).toBe(20);
    expect(formatPercent(20)).toBe('20%');
  });

  it.each(['Auto', '101%', '-1%', '1.5%', '', '%'])('rejects %j', (input) => {
    expect(() => parsePercent(input)).toThrow(RangeError);
    expect(tryParsePercent(input)).toBeUndefined();
  });
});
