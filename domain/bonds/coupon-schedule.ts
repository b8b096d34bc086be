import { COUPON_FREQUENCIES } from '../reference-data/bond-types';
import {
  addMonths,
  type CivilDate,
  compareCivilDates,
  formatCivilDate,
  isLastDayOfMonth,
} from './civil-date';
import { SettlementNotBeforeMaturityError, UnsupportedFrequencyError } from './errors';
import type { CouponFrequency, CouponSchedule } from './types';

export function parseCouponFrequency(value: number, field = 'frequency'): CouponFrequency {
  const found = COUPON_FREQUENCIES.find((f): f is CouponFrequency => f !== 0 && f === value);
  if (found === undefined)
    throw new UnsupportedFrequencyError(`coupon frequency must be 1, 2, 4 or 12, got ${value}`, field);
  return found;
}

export function assertSettlementBeforeMaturity(settlement: CivilDate, maturity: CivilDate): void {
  if (compareCivilDates(settlement, maturity) >= 0) {
    throw new SettlementNotBeforeMaturityError(
      `settlement ${formatCivilDate(settlement)} is not before maturity ${formatCivilDate(maturity)}`,
      'settlement_date',
    );
  }
}

/**
 * Coupon dates generated backward from maturity, each k periods before it (never from the previous
 * date, so a clamped February day does not drift the rest of the schedule). A maturity on a month's
 * last day rolls every date to a month end. The coupon due on the settlement date belongs to the seller.
 */
export function couponSchedule(
  maturity: CivilDate,
  frequency: CouponFrequency,
  settlement: CivilDate,
): CouponSchedule {
  assertSettlementBeforeMaturity(settlement, maturity);
  const endOfMonth = isLastDayOfMonth(maturity);
  const monthsPerPeriod = 12 / frequency;
  const paymentDates: CivilDate[] = [maturity];
  for (let k = 1; ; k++) {
    const date = addMonths(maturity, -k * monthsPerPeriod, endOfMonth);
    if (compareCivilDates(date, settlement) <= 0) {
      paymentDates.reverse();
      const next = paymentDates[0] ?? maturity;
      return { period: { previous: date, next, frequency, endOfMonth }, paymentDates };
    }
    paymentDates.push(date);
  }
}
