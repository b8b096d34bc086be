import type { COUPON_FREQUENCIES, DayCount } from '../reference-data/bond-types';
import type { CivilDate } from './civil-date';

/** Coupons per year of a coupon-bearing bond; zero-coupon bills (frequency 0) have their own formulas. */
export type CouponFrequency = Exclude<(typeof COUPON_FREQUENCIES)[number], 0>;

/** What fixes a fixed-rate bullet bond's cash flows: redeemed at par, prices per 100 of face value. */
export interface BondTerms {
  readonly couponPct: number;
  readonly maturity: CivilDate;
  readonly frequency: CouponFrequency;
  readonly dayCount: DayCount;
}

/** The coupon period holding a settlement date: previous <= settlement < next. */
export interface CouponPeriod {
  readonly previous: CivilDate;
  readonly next: CivilDate;
  readonly frequency: CouponFrequency;
  /** The schedule rolls on month ends (maturity is a month's last day); 30/360 US needs it for February. */
  readonly endOfMonth: boolean;
}

export interface CouponSchedule {
  readonly period: CouponPeriod;
  /** Coupon dates after settlement, ascending; the last is maturity. Unadjusted for holidays. */
  readonly paymentDates: readonly CivilDate[];
}

export interface CashFlow {
  readonly date: CivilDate;
  /** Per 100 of face value; the last one includes the redemption. */
  readonly amount: number;
  /** Discount exponent in coupon periods from settlement: the fraction to the next coupon, then whole periods. */
  readonly periods: number;
}

/** A day-count fraction as an exact ratio of integers, so money can be computed without rounding. */
export interface DayCountRatio {
  readonly numerator: number;
  readonly denominator: number;
}

interface BondMetricsTerms {
  readonly coupon_pct: number;
  readonly maturity_date: string;
  readonly settlement_date: string;
  readonly frequency: number;
  readonly day_count: string;
  /** Rupees of face value per unit (100 for a G-sec); prices stay per 100 whatever it is. */
  readonly face_value: number;
}

/** Exactly one of `clean_price` and `yield_pct` is given; the other is solved for. */
export type BondMetricsInput = BondMetricsTerms &
  (
    | { readonly clean_price: number; readonly yield_pct?: undefined }
    | { readonly yield_pct: number; readonly clean_price?: undefined }
  );

export interface BondMetrics {
  readonly clean_price: number;
  readonly dirty_price: number;
  /** Per 100 of face value; `accruedInterestRupees` gives the exact amount for a face amount. */
  readonly accrued_interest: number;
  readonly yield_pct: number;
  /** Years. */
  readonly macaulay_duration: number;
  /** Years: -dP/dy / P with y the annual yield compounded at the coupon frequency. */
  readonly modified_duration: number;
  /** Years squared: d2P/dy2 / P. */
  readonly convexity: number;
  /** Price rise per 100 of face for a one basis point fall in yield. */
  readonly pv01: number;
}
