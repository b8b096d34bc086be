import Decimal from 'decimal.js';

/** Enough digits that no rupee amount or price we handle is rounded before the final half-up step. */
export const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * Rounds half-up to `decimals` places and returns the fixed-point string. A float goes in through its
 * shortest round-trip text, so a price that prints as 98.12345 is treated as that decimal, not as its
 * binary neighbour 98.1234499...
 */
export function roundHalfUp(value: Decimal.Value, decimals: number): string {
  return new ExactDecimal(value).toFixed(decimals, Decimal.ROUND_HALF_UP);
}
