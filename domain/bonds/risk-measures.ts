import type { BondSettlement } from './bond-settlement';
import { dirtyPriceAtYield, discountedSums } from './price-yield';

export interface RiskMeasures {
  readonly dirtyPrice: number;
  /** Years: the present-value-weighted average time to the cash flows. */
  readonly macaulayDuration: number;
  /** Years: Macaulay / (1 + y/f), the same as -dP/dy / P. */
  readonly modifiedDuration: number;
  /** Years squared: d2P/dy2 / P. */
  readonly convexity: number;
  /** Per 100 of face: price at (yield - 1bp) minus price at yield; positive for a plain bond. */
  readonly pv01: number;
}

const ONE_BASIS_POINT_PCT = 0.01;

/**
 * With t in periods and v = 1 / (1 + y/f): P = sum(a v^t), dP/dy = -(v / f) sum(a t v^t) and
 * d2P/dy2 = (v / f)^2 sum(a t (t + 1) v^t), hence the measures below in years.
 */
export function riskMeasuresAtYield(bond: BondSettlement, yieldPct: number): RiskMeasures {
  const sums = discountedSums(bond, yieldPct);
  const f = bond.frequency;
  const macaulayDuration = sums.timeWeighted / f / sums.dirtyPrice;
  const v = sums.periodDiscount;
  return {
    dirtyPrice: sums.dirtyPrice,
    macaulayDuration,
    modifiedDuration: macaulayDuration * v,
    convexity: (((v * v) / (f * f)) * sums.convexityWeighted) / sums.dirtyPrice,
    pv01: dirtyPriceAtYield(bond, yieldPct - ONE_BASIS_POINT_PCT) - sums.dirtyPrice,
  };
}
