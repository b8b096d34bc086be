import { ExactDecimal } from '../bonds/rounding';

/** A holding as stored: rupees of face value (negative for a short), average clean price per 100. */
export interface Holding {
  quantity: string;
  averagePrice: string | null;
}

/**
 * The holding after a fill of `signedQuantity` (positive bought, negative sold) at `price`.
 * Adding to a position averages the prices by quantity; reducing keeps the average; crossing
 * through zero starts the new side at the fill price; a flat position has no average. The average
 * is rounded half-up to 4 decimals, as the column holds it.
 */
export function applyFill(holding: Holding, signedQuantity: string, price: string): Holding {
  const q0 = new ExactDecimal(holding.quantity);
  const dq = new ExactDecimal(signedQuantity);
  const q1 = q0.plus(dq);
  if (q1.isZero()) return { quantity: q1.toFixed(2), averagePrice: null };
  const p = new ExactDecimal(price);
  let average: InstanceType<typeof ExactDecimal>;
  if (q0.isZero() || holding.averagePrice === null || q0.isNeg() !== q1.isNeg()) average = p;
  else if (q0.isNeg() === dq.isNeg()) {
    average = new ExactDecimal(holding.averagePrice).times(q0).plus(p.times(dq)).div(q1);
  } else average = new ExactDecimal(holding.averagePrice);
  return { quantity: q1.toFixed(2), averagePrice: average.toFixed(4) };
}
