import {
  addDays,
  addMonths,
  compareCivilDates,
  formatCivilDate,
  isLastDayOfMonth,
  parseCivilDate,
  type CivilDate,
} from '../bonds/civil-date';
import { yearFractionRatio } from '../bonds/day-count';
import { ExactDecimal, roundHalfUp } from '../bonds/rounding';
import type { BondTerms, CouponFrequency, DayCountRatio } from '../bonds/types';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { BondType, DayCount } from '../reference-data/bond-types';
import { DomainError } from '../domain-error';

export const BOND_PAYMENT_KINDS = ['COUPON', 'REDEMPTION'] as const;
export type BondPaymentKind = (typeof BOND_PAYMENT_KINDS)[number];

export class InvalidPaymentScheduleError extends DomainError {
  readonly code = 'INVALID_PAYMENT_SCHEDULE';
}

/** What a bond's payments follow from: its terms as stored. */
export interface PaymentTerms {
  bondType: BondType;
  couponPct: string;
  issueDate: string;
  maturityDate: string;
  /** 0 for a zero-coupon instrument (redeemed only). */
  frequency: number;
  dayCount: DayCount;
}

export interface ScheduledPayment {
  kind: BondPaymentKind;
  /** The date of the terms: a coupon's accrual period ends here whatever day it is paid. */
  scheduledDate: string;
  /** The business day the cash moves. */
  paymentDate: string;
  /** Holders at the close of this business day are paid. */
  recordDate: string;
  /** Rupees per 100 of face value, to 6 places (exact amounts use `ratio`). */
  amountPer100: string;
  /** Per 100 of face = couponPct x numerator / denominator (a coupon), or 100 / 1 (a redemption). */
  ratio: DayCountRatio & { ratePct: string };
}

function previousBusinessDay(calendar: BusinessCalendar, date: CivilDate): CivilDate {
  let d = date;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

function followingBusinessDay(calendar: BusinessCalendar, date: CivilDate): CivilDate {
  let d = date;
  while (!calendar.isBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** The business day `n` business days before `date` (n = 0: `date` itself, a business day). */
export function businessDaysBefore(calendar: BusinessCalendar, date: CivilDate, n: number): CivilDate {
  let d = previousBusinessDay(calendar, date);
  for (let left = n; left > 0; left--) d = previousBusinessDay(calendar, addDays(d, -1));
  return d;
}

/**
 * The payment day of a date of the terms. G-secs, SDLs and T-bills (RBI) pay on the preceding
 * working day; corporate bonds (SEBI) pay interest on the following working day and redeem on the
 * preceding one, so a redemption never runs past the bond's life.
 */
export function paymentDayOf(
  calendar: BusinessCalendar,
  bondType: BondType,
  kind: BondPaymentKind,
  date: CivilDate,
): CivilDate {
  return bondType === 'CORPORATE' && kind === 'COUPON'
    ? followingBusinessDay(calendar, date)
    : previousBusinessDay(calendar, date);
}

/** Holders at the close of this business day, `recordDays` business days before the payment, are paid. */
export function recordDateOf(
  calendar: BusinessCalendar,
  paymentDate: CivilDate,
  recordDays: number,
): CivilDate {
  return businessDaysBefore(calendar, paymentDate, recordDays);
}

/**
 * A bond's redemption: paid on the payment day of its maturity to the holders of record. The shut
 * period runs from the business day after that record date: the ISIN no longer moves between
 * holders, so those paid are exactly those whose holdings the redemption extinguishes.
 */
export function redemptionDates(
  calendar: BusinessCalendar,
  bond: { bondType: BondType; maturityDate: string },
  recordDays: number,
): { paymentDate: string; recordDate: string } {
  const paymentDate = paymentDayOf(
    calendar,
    bond.bondType,
    'REDEMPTION',
    parseCivilDate(bond.maturityDate, 'maturity_date'),
  );
  return {
    paymentDate: formatCivilDate(paymentDate),
    recordDate: formatCivilDate(recordDateOf(calendar, paymentDate, recordDays)),
  };
}

/**
 * Every coupon after the issue date and the redemption at maturity. Coupon dates are those of the
 * bond math (`couponSchedule`: k periods back from maturity, month ends kept), and each coupon is
 * the accrued interest of its whole period with the bond's day count, so the accrued interest a
 * trade pays the seller on any day is exactly the share of this coupon earned by then.
 */
export function paymentSchedule(
  terms: PaymentTerms,
  calendar: BusinessCalendar,
  recordDays: number,
): ScheduledPayment[] {
  const issue = parseCivilDate(terms.issueDate, 'issue_date');
  const maturity = parseCivilDate(terms.maturityDate, 'maturity_date');
  if (compareCivilDates(issue, maturity) >= 0) {
    throw new InvalidPaymentScheduleError('the issue date must be before maturity', 'issue_date');
  }
  const entry = (
    kind: BondPaymentKind,
    date: CivilDate,
    ratio: ScheduledPayment['ratio'],
  ): ScheduledPayment => {
    const paymentDate = paymentDayOf(calendar, terms.bondType, kind, date);
    return {
      kind,
      scheduledDate: formatCivilDate(date),
      paymentDate: formatCivilDate(paymentDate),
      recordDate: formatCivilDate(recordDateOf(calendar, paymentDate, recordDays)),
      amountPer100: roundHalfUp(
        new ExactDecimal(ratio.ratePct).times(ratio.numerator).dividedBy(ratio.denominator),
        6,
      ),
      ratio,
    };
  };
  const payments: ScheduledPayment[] = [];
  if (terms.frequency !== 0) {
    const frequency = terms.frequency as CouponFrequency;
    const monthsPerPeriod = 12 / frequency;
    const endOfMonth = isLastDayOfMonth(maturity);
    const dates: CivilDate[] = [];
    for (let k = 0; ; k++) {
      const date = addMonths(maturity, -k * monthsPerPeriod, endOfMonth);
      if (compareCivilDates(date, issue) <= 0) break;
      dates.unshift(date);
    }
    for (const next of dates) {
      const previous = addMonths(next, -monthsPerPeriod, endOfMonth);
      const { numerator, denominator } = yearFractionRatio(terms.dayCount, previous, next, {
        previous,
        next,
        frequency,
        endOfMonth,
      });
      payments.push(entry('COUPON', next, { ratePct: terms.couponPct, numerator, denominator }));
    }
  }
  payments.push(entry('REDEMPTION', maturity, { ratePct: '100', numerator: 1, denominator: 1 }));
  return payments;
}

/** A holder's payment in rupees on `faceAmount` rupees of face: exact, then half-up to the paisa. */
export function paymentRupees(payment: ScheduledPayment, faceAmount: string): string {
  const { ratePct, numerator, denominator } = payment.ratio;
  return roundHalfUp(
    new ExactDecimal(ratePct)
      .times(faceAmount)
      .times(numerator)
      .dividedBy(new ExactDecimal(100).times(denominator)),
    2,
  );
}

/** The bond-math terms of a coupon bond (for accrued interest on the same dates). */
export function bondTermsOf(terms: PaymentTerms): BondTerms {
  return {
    couponPct: Number(terms.couponPct),
    maturity: parseCivilDate(terms.maturityDate, 'maturity_date'),
    frequency: terms.frequency as CouponFrequency,
    dayCount: terms.dayCount,
  };
}
