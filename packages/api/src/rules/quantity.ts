/**
 * Kubernetes resource quantities (`1Gi`, `512Mi`, `1.5G`, `100m`, `1e3`), kept exact.
 *
 * A copy of `k8s.io/apimachinery/pkg/api/resource` (quantity.go, suffix.go at kubernetes v1.32):
 * the same grammar, the same round-up to nano precision at parse time, and the same canonical
 * form (`Quantity.String()`), because DVP webhooks print quantities with `String()` and the
 * console must show users the same text. Values are rationals over bigint, never floats, so
 * `1Gi` vs `1073741823` compares correctly.
 */

/** How a quantity is written; decides the suffix family of its canonical form. */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** An exact quantity: `num / den` (den > 0, a power of ten), plus the format it was written in. */
export interface ParsedQuantity {
  readonly num: bigint;
  readonly den: bigint;
  readonly format: QuantityFormat;
}

/** The regular expression kube-apiserver quotes when a quantity cannot be parsed. */
export const QUANTITY_REGEXP_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** kube's `ErrFormatWrong` text. */
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${QUANTITY_REGEXP_TEXT}'`;
/** kube's `ErrSuffix` text. */
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** Thrown for strings that are not Kubernetes quantities; `message` is kube's wording. */
export class QuantityError extends Error {
  readonly input: string;
  constructor(input: string, message: string) {
    super(message);
    this.name = 'QuantityError';
    this.input = input;
  }
}

const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const NANO_DEN = 10n ** 9n;
const NUMBER_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?/;
const SUFFIX_RE = /^[eEinumkKMGTP]*[-+]?[0-9]*$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(num: bigint, den: bigint, format: QuantityFormat): ParsedQuantity {
  if (num === 0n) return { num: 0n, den: 1n, format };
  const g = gcd(num, den);
  return { num: num / g, den: den / g, format };
}

/** Integer division rounding toward +∞ (den > 0). */
function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num > 0n ? q + 1n : q;
}

/**
 * Parses a quantity as kube-apiserver does. Numbers (JSON int-or-string) are accepted too.
 * Precision finer than 1n is rounded up, exactly like `resource.ParseQuantity`.
 * @throws QuantityError with kube's message for anything else.
 */
export function parseQuantity(input: string | number): ParsedQuantity {
  // No trimming: kube rejects surrounding whitespace too.
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text.length === 0) throw new QuantityError(text, QUANTITY_FORMAT_ERROR);
  const m = NUMBER_RE.exec(text);
  const whole = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  if (!m || whole.length + frac.length === 0) throw new QuantityError(text, QUANTITY_FORMAT_ERROR);
  const suffix = text.slice(m[0].length);
  if (!SUFFIX_RE.test(suffix)) throw new QuantityError(text, QUANTITY_FORMAT_ERROR);

  let num = BigInt(`${whole || '0'}${frac}`);
  let den = 10n ** BigInt(frac.length);
  if (m[1] === '-') num = -num;

  let format: QuantityFormat;
  const binary = BINARY_SUFFIXES[suffix];
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (binary !== undefined) {
    format = 'BinarySI';
    num *= 1024n ** BigInt(binary);
  } else if (decimal !== undefined) {
    format = 'DecimalSI';
    if (decimal >= 0) num *= 10n ** BigInt(decimal);
    else den *= 10n ** BigInt(-decimal);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    const exp = Number.parseInt(suffix.slice(1), 10);
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) {
      throw new QuantityError(text, QUANTITY_SUFFIX_ERROR);
    }
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  } else {
    throw new QuantityError(text, QUANTITY_SUFFIX_ERROR);
  }
  // kube: "This is the one and only place where we lose precision: round up to nano."
  if (den > NANO_DEN) {
    num = ceilDiv(num * NANO_DEN, den);
    den = NANO_DEN;
  }
  return reduce(num, den, format);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Plain decimal text for JSON numbers; exponent form only for very large/small values.
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

/** Like {@link parseQuantity} but returns `undefined` instead of throwing. */
export function tryParseQuantity(input: string | number): ParsedQuantity | undefined {
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

/** True for a string (or number) kube-apiserver accepts as a quantity. */
export function isQuantity(input: string | number): boolean {
  return tryParseQuantity(input) !== undefined;
}

/** Exact comparison: -1, 0 or 1 (formats are ignored, so `1Gi` equals `1073741824`). */
export function compareQuantities(a: ParsedQuantity, b: ParsedQuantity): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The integer value rounded up, as `Quantity.Value()` does (bytes for memory and disk sizes). */
export function quantityToBytes(q: ParsedQuantity): bigint {
  return ceilDiv(q.num, q.den);
}

/** A byte count as a BinarySI quantity (what `resource.NewQuantity(n, BinarySI)` builds). */
export function quantityFromBytes(bytes: bigint | number): ParsedQuantity {
  return reduce(BigInt(bytes), 1n, 'BinarySI');
}

/** The canonical text of a quantity, identical to kube's `Quantity.String()`. */
export function formatQuantity(q: ParsedQuantity): string {
  if (q.num === 0n) return '0';
  const sign = q.num < 0n ? '-' : '';
  const abs = q.num < 0n ? -q.num : q.num;
  let format = q.format;
  // kube shows small or fractional binary values as DecimalSI rather than lose precision.
  if (format === 'BinarySI' && (q.den !== 1n || abs < 1024n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let n = abs;
    let exp = 0;
    while (exp < 6 && n % 1024n === 0n) {
      n /= 1024n;
      exp += 1;
    }
    const suffix = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][exp] ?? '';
    return `${sign}${n}${suffix}`;
  }
  // Mantissa × 10^exp with exp a multiple of 3, as large as keeps the mantissa an integer.
  // den only has factors 2 and 5 (it divides a power of ten), so scale to the smallest 10^k.
  let exp = 0;
  let pow = 1n;
  while (pow % q.den !== 0n) {
    pow *= 10n;
    exp -= 1;
  }
  let mantissa = abs * (pow / q.den);
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exp += 1;
  }
  const rem = ((exp % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(rem);
  exp -= rem;
  return `${sign}${mantissa}${decimalSuffix(exp, format)}`;
}

function decimalSuffix(exp: number, format: QuantityFormat): string {
  if (exp === 0) return '';
  if (format === 'DecimalSI') {
    const entry = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exp);
    if (entry) return entry[0];
  }
  return `e${exp}`;
}

/** Parses and re-formats: `normalizeQuantity('1024Mi') === '1Gi'`. */
export function normalizeQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}

const HUMAN_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/**
 * A byte count for people: `1.5 GiB`, `512 MiB`, `0 B`. Up to `fractionDigits` decimals
 * (default 2), trailing zeros trimmed, rounded half up; exact for any size.
 */
export function humanizeBytes(bytes: bigint | number, fractionDigits = 2): string {
  let value = BigInt(bytes);
  const sign = value < 0n ? '-' : '';
  if (value < 0n) value = -value;
  let unit = 0;
  let divisor = 1n;
  while (unit < HUMAN_UNITS.length - 1 && value >= divisor * 1024n) {
    divisor *= 1024n;
    unit += 1;
  }
  const scale = 10n ** BigInt(fractionDigits);
  let scaled = (value * scale * 2n + divisor) / (divisor * 2n);
  // Rounding can reach the next unit (1073741823 B → "1024 MiB"); show "1 GiB" instead.
  if (scaled >= 1024n * scale && unit < HUMAN_UNITS.length - 1) {
    divisor *= 1024n;
    unit += 1;
    scaled = (value * scale * 2n + divisor) / (divisor * 2n);
  }
  const whole = scaled / scale;
  const frac = (scaled % scale).toString().padStart(fractionDigits, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''} ${HUMAN_UNITS[unit] ?? 'B'}`;
}

/** {@link humanizeBytes} of a quantity string (`'1536Mi'` → `'1.5 GiB'`). */
export function humanizeQuantity(input: string | number, fractionDigits = 2): string {
  return humanizeBytes(quantityToBytes(parseQuantity(input)), fractionDigits);
}

/**
 * A percentage such as a core fraction: `'10%'`, `'10'` or `10` → `10`. Integers 0–100 only,
 * because every DVP percentage (coreFraction, progress) is whole.
 * @throws RangeError for anything else.
 */
export function parsePercent(input: string | number): number {
  const text = typeof input === 'number' ? String(input) : input.trim().replace(/%$/, '');
  if (!/^[0-9]{1,3}$/.test(text))
    throw new RangeError(`invalid percentage ${JSON.stringify(input)}`);
  const value = Number.parseInt(text, 10);
  if (value > 100) throw new RangeError(`percentage ${value} exceeds 100`);
  return value;
}

/** Like {@link parsePercent} but `undefined` for invalid input. */
export function tryParsePercent(input: string | number): number | undefined {
  try {
    return parsePercent(input);
  } catch {
    return undefined;
  }
}

/** `20` → `'20%'`. */
export function formatPercent(value: number): string {
  return `${value}%`;
}
