import {
  InvalidDecimalError,
  PriceNotOnTickError,
  QuantityNotLotMultipleError,
  UnitOverflowError,
} from './trading-errors';

/**
 * Rupee prices and quantities <-> the engine's integer ticks and lots, exactly: decimals are
 * parsed into scaled BigInts, so "95.5025" / "0.0025" never meets a binary fraction.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function parse(text: string, what: string): Scaled {
  const m = DECIMAL.exec(text);
  if (m === null) throw new InvalidDecimalError(`${what} "${text}" is not a plain non-negative decimal`);
  const frac = m[2] ?? '';
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

/** How many `step`s make `value`, when that is a positive whole number. */
function count(value: string, step: string, what: string): bigint | null {
  const v = parse(value, what);
  const s = parse(step, 'step');
  if (s.units === 0n) throw new InvalidDecimalError(`${what} step "${step}" is zero`);
  const scale = Math.max(v.scale, s.scale);
  const vu = rescale(v, scale);
  const su = rescale(s, scale);
  if (vu === 0n || vu % su !== 0n) return null;
  const n = vu / su;
  if (n > MAX) throw new UnitOverflowError(`${what} "${value}" is too many steps of "${step}"`);
  return n;
}

function times(n: number, step: string, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidDecimalError(`${what} ${n} is not a whole number`);
  const s = parse(step, 'step');
  const digits = (BigInt(n) * s.units).toString().padStart(s.scale + 1, '0');
  if (s.scale === 0) return digits;
  return `${digits.slice(0, -s.scale)}.${digits.slice(-s.scale)}`;
}

/** "95.5025" with tick "0.0025" -> 38201. Throws PriceNotOnTickError off the tick grid or at 0. */
export function priceToTicks(price: string, tickSize: string): number {
  const n = count(price, tickSize, 'price');
  if (n === null)
    throw new PriceNotOnTickError(`price ${price} is not a positive multiple of tick ${tickSize}`);
  return Number(n);
}

/** 38201 ticks of "0.0025" -> "95.5025" (as many decimals as the tick size has). */
export function ticksToPrice(ticks: number, tickSize: string): string {
  return times(ticks, tickSize, 'ticks');
}

/** Rupees of face value "5000000" with lot "100000" -> 50 lots. Throws QuantityNotLotMultipleError. */
export function quantityToLots(quantity: string, lotSize: string): number {
  const n = count(quantity, lotSize, 'quantity');
  if (n === null) {
    throw new QuantityNotLotMultipleError(
      `quantity ${quantity} is not a positive multiple of lot ${lotSize}`,
    );
  }
  return Number(n);
}

/** 50 lots of "100000" -> "5000000" rupees of face value. */
export function lotsToQuantity(lots: number, lotSize: string): string {
  return times(lots, lotSize, 'lots');
}
