import type Decimal from 'decimal.js';
import type { CivilDate } from './civil-date';
import { couponSchedule } from './coupon-schedule';
import { yearFractionRatio } from './day-count';
import { ExactDecimal, roundHalfUp } from './rounding';
import type { BondTerms, CouponPeriod } from './types';

/** Accrued interest per 100 of face value: coupon rate x the day-count fraction since the previous coupon. */
export function accruedInterestInPeriod(
  terms: BondTerms,
  period: CouponPeriod,
  settlement: CivilDate,
): number {
  const { numerator, denominator } = yearFractionRatio(terms.dayCount, period.previous, settlement, period);
  return (terms.couponPct * numerator) / denominator;
}

export function accruedInterest(terms: BondTerms, settlement: CivilDate): number {
  return accruedInterestInPeriod(terms, currentPeriod(terms, settlement), settlement);
}

/**
 * Accrued interest in rupees on `faceAmount` rupees of face value, exact then rounded half-up to the
 * paisa, as a 2-decimal string. Computed from the integer day-count ratio, not from the float per 100.
 */
export function accruedInterestRupees(
  terms: BondTerms,
  settlement: CivilDate,
  faceAmount: Decimal.Value,
): string {
  const period = currentPeriod(terms, settlement);
  const { numerator, denominator } = yearFractionRatio(terms.dayCount, period.previous, settlement, period);
  const rupees = new ExactDecimal(terms.couponPct)
    .times(faceAmount)
    .times(numerator)
    .dividedBy(new ExactDecimal(100).times(denominator));
  return roundHalfUp(rupees, 2);
}

function currentPeriod(terms: BondTerms, settlement: CivilDate): CouponPeriod {
  return couponSchedule(terms.maturity, terms.frequency, settlement).period;
}
