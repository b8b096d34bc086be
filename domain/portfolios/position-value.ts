import Decimal from 'decimal.js';
import { ExactDecimal } from '../bonds/rounding';

/**
 * A position's market value in rupees: quantity (rupees of face value, negative for a short) x clean
 * price per 100 / 100, exact, rounded half-up (away from zero) to the paisa as a 2-decimal string.
 * Null when there is no price to value it at.
 */
export function positionMarketValue(
  quantity: string,
  cleanPricePer100: string | null | undefined,
): string | null {
  if (cleanPricePer100 == null) return null;
  const value = new ExactDecimal(quantity).times(cleanPricePer100).dividedBy(100);
  const rounded = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  // Never "-0.00": a value that rounds to nothing is nothing, whatever its side.
  return (rounded.isZero() ? new ExactDecimal(0) : rounded).toFixed(2);
}
