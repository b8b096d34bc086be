import type { CivilDate } from './civil-date';
import { couponSchedule } from './coupon-schedule';
import { accruedInterestInPeriod } from './accrued-interest';
import { elapsedPeriodFraction } from './day-count';
import type { BondTerms, CashFlow, CouponFrequency, CouponSchedule } from './types';

/** Everything pricing needs about a bond settled on a date, computed once and reused by the yield solver. */
export interface BondSettlement {
  readonly frequency: CouponFrequency;
  readonly schedule: CouponSchedule;
  /** Per 100 of face value. */
  readonly accruedInterest: number;
  readonly cashFlows: readonly CashFlow[];
}

/**
 * Street convention: the first cash flow is discounted over the unexpired fraction of the current
 * coupon period and each later one over one more whole period, all at the periodic yield y / f. Every
 * coupon is couponPct / f whatever the day count; the day count governs accrued interest and the fraction.
 */
export function settleBond(terms: BondTerms, settlement: CivilDate): BondSettlement {
  const schedule = couponSchedule(terms.maturity, terms.frequency, settlement);
  const { period, paymentDates } = schedule;
  const toNextCoupon = 1 - elapsedPeriodFraction(terms.dayCount, period, settlement);
  const coupon = terms.couponPct / terms.frequency;
  const last = paymentDates.length - 1;
  const cashFlows = paymentDates.map((date, k) => ({
    date,
    amount: k === last ? coupon + 100 : coupon,
    periods: toNextCoupon + k,
  }));
  return {
    frequency: terms.frequency,
    schedule,
    accruedInterest: accruedInterestInPeriod(terms, period, settlement),
    cashFlows,
  };
}
