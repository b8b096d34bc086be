import type { BondSettlement } from './bond-settlement';
import { InvalidBondInputError } from './errors';

/** Below this distance of v from 1 the annuity formula loses digits, so the flows are summed one by one. */
const ANNUITY_FORMULA_MIN_GAP = 1e-6;

/**
 * The dirty price per 100 at any yield for one settled bond, for repricing it under many scenarios.
 * Street-convention flows sit at whole periods after the first (periods t0, t0 + 1, ...) and every
 * coupon is the same, so P = v^t0 (c (1 - v^n) / (1 - v) + 100 v^(n-1)): two powers per price
 * whatever the maturity, the same value as `dirtyPriceAtYield` to rounding.
 */
export function dirtyPricer(bond: BondSettlement): (yieldPct: number) => number {
  const amounts = Float64Array.from(bond.cashFlows, (c) => c.amount);
  const n = amounts.length;
  const first = bond.cashFlows[0]?.periods ?? 0;
  const coupon = n > 1 ? (amounts[0] as number) : (amounts[0] ?? 100) - 100;
  const f = bond.frequency;
  return (yieldPct: number) => {
    const base = 1 + yieldPct / 100 / f;
    if (!(base > 0)) {
      throw new InvalidBondInputError(`yield must be above ${-100 * f}%, got ${yieldPct}`, 'yield_pct');
    }
    const v = 1 / base;
    const head = base ** -first;
    if (Math.abs(1 - v) >= ANNUITY_FORMULA_MIN_GAP) {
      const last = v ** (n - 1);
      return head * ((coupon * (1 - last * v)) / (1 - v) + 100 * last);
    }
    let discount = head;
    let price = 0;
    for (let k = 0; k < n; k++) {
      price += (amounts[k] as number) * discount;
      discount *= v;
    }
    return price;
  };
}
