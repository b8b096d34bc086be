import type { BondSettlement } from './bond-settlement';
import { InvalidBondInputError } from './errors';

/**
 * The dirty price per 100 at any yield for one settled bond, for repricing it under many scenarios.
 * Street-convention flows sit at whole periods after the first (periods t0, t0 + 1, ...), so the
 * discount factors are v^t0 x v^k: one power per price and a multiplication per flow, the same value
 * as `dirtyPriceAtYield` to rounding.
 */
export function dirtyPricer(bond: BondSettlement): (yieldPct: number) => number {
  const amounts = Float64Array.from(bond.cashFlows, (c) => c.amount);
  const first = bond.cashFlows[0]?.periods ?? 0;
  const f = bond.frequency;
  return (yieldPct: number) => {
    const base = 1 + yieldPct / 100 / f;
    if (!(base > 0)) {
      throw new InvalidBondInputError(`yield must be above ${-100 * f}%, got ${yieldPct}`, 'yield_pct');
    }
    const v = 1 / base;
    let discount = base ** -first;
    let price = 0;
    for (let k = 0; k < amounts.length; k++) {
      price += (amounts[k] as number) * discount;
      discount *= v;
    }
    return price;
  };
}
