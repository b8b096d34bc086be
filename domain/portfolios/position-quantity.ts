import { ExactDecimal } from '../bonds/rounding';

/**
 * Why a position quantity (rupees of face value; negative is a short) is not acceptable for a bond
 * traded in `lotSize` rupees, or null when it is: it must be non-zero and a whole number of lots.
 */
export function positionQuantityViolation(quantity: string, lotSize: string): string | null {
  const q = new ExactDecimal(quantity);
  if (q.isZero()) return 'must not be zero';
  const lot = new ExactDecimal(lotSize);
  if (lot.lte(0)) return `the bond has no usable lot size (${lotSize})`;
  if (!q.mod(lot).isZero()) return `must be a multiple of the bond's lot size ${lot.toFixed(2)}`;
  return null;
}
