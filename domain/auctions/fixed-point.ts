import type { DecimalInput } from './types';

/** Prices, yields and percentages are held as integer units of 0.0001. */
export const UNITS_PER_WHOLE = 10_000;
export const PAR_UNITS = 100 * UNITS_PER_WHOLE;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const FRACTION_SCALE = [10_000, 1_000, 100, 10, 1];
const ZERO = 48;
const MINUS = 45;
const DOT = 46;

function decimalText(value: DecimalInput): string {
  // String(n) gives the shortest round-trip form, so 95.5 reads as "95.5" exactly; NaN, Infinity and
  // exponent forms fail the parse.
  return typeof value === 'number' ? String(value) : value;
}

/**
 * Exact 4-decimal units of a decimal ("-?digits(.digits{1,4})?"), or null if it has more than 4
 * decimals or is not such a number. A hand-written scan: clearing parses every bid, and a regex
 * match would allocate for each.
 */
export function parseFixed4(value: DecimalInput): number | null {
  const text = decimalText(value);
  const length = text.length;
  let i = length > 0 && text.charCodeAt(0) === MINUS ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === wholeStart) return null;
  let fraction = 0;
  let places = 0;
  if (i < length) {
    if (text.charCodeAt(i) !== DOT) return null;
    for (i += 1; i < length; i++) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9 || places === 4) return null;
      fraction = fraction * 10 + digit;
      places += 1;
    }
    if (places === 0) return null;
  }
  const units = whole * UNITS_PER_WHOLE + fraction * (FRACTION_SCALE[places] as number);
  if (!Number.isSafeInteger(units)) return null;
  return negative && units !== 0 ? -units : units;
}

export function formatFixed4(units: number): string {
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNITS_PER_WHOLE);
  const frac = String(abs % UNITS_PER_WHOLE).padStart(4, '0');
  return `${units < 0 ? '-' : ''}${whole}.${frac}`;
}

/** A non-negative decimal with any number of decimals as an exact fraction numerator / denominator. */
export function parseExactDecimal(value: DecimalInput): { numerator: bigint; denominator: bigint } | null {
  const match = DECIMAL.exec(decimalText(value));
  if (!match) return null;
  const frac = match[2] ?? '';
  return { numerator: BigInt(match[1] + frac), denominator: 10n ** BigInt(frac.length) };
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Hundredths as a 2-decimal string: paise as rupees, hundredths of a percent as percent. */
export function formatHundredths(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${TWO_DIGITS[hundredths % 100] as string}`;
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} exceeds the safe integer range`);
  return n;
}

// Below 2^52 a product, a divisor and quotient * divisor are exact doubles; the division itself may
// round up across an integer, which the remainder check corrects.
const FAST_LIMIT = 2 ** 52;

/** floor(n / d) of an exact double product; allocates nothing, as clearing calls it per bid. */
function floorDiv(n: number, d: number): number {
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  if (remainder < 0) return quotient - 1;
  return remainder >= d ? quotient + 1 : quotient;
}

/** floor(a * b / d) for non-negative integers, exact beyond 2^53 by falling back to BigInt. */
export function mulDivFloor(a: number, b: number, d: number): number {
  const product = a * b;
  if (product < FAST_LIMIT && d < FAST_LIMIT) return floorDiv(product, d);
  return toSafeNumber((BigInt(a) * BigInt(b)) / BigInt(d));
}

/**
 * floor(a * b / d) for non-negative integers, writing a * b mod d to remainders[at]: pro-rata
 * needs both for every claim, and an out-parameter spares a tuple per claim.
 */
export function mulDivRemInto(a: number, b: number, d: number, remainders: Float64Array, at: number): number {
  const product = a * b;
  if (product < FAST_LIMIT && d < FAST_LIMIT) {
    const quotient = floorDiv(product, d);
    remainders[at] = product - quotient * d;
    return quotient;
  }
  const big = BigInt(a) * BigInt(b);
  const divisor = BigInt(d);
  remainders[at] = Number(big % divisor);
  return toSafeNumber(big / divisor);
}

/** a * b / d rounded half-up, for non-negative integers. */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  const product = a * b;
  if (product < FAST_LIMIT && d < FAST_LIMIT) {
    const quotient = floorDiv(product, d);
    return 2 * (product - quotient * d) >= d ? quotient + 1 : quotient;
  }
  return divHalfUp(BigInt(a) * BigInt(b), BigInt(d));
}

/** n / d rounded half-up, for non-negative BigInts with a safe-integer result. */
export function divHalfUp(n: bigint, d: bigint): number {
  return toSafeNumber((2n * n + d) / (2n * d));
}
