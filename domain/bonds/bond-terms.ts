import { parseCivilDate } from './civil-date';
import { parseCouponFrequency } from './coupon-schedule';
import { parseDayCount } from './day-count';
import { InvalidBondInputError } from './errors';
import type { BondTerms } from './types';

/** A bond's terms as they arrive in a request or a reference-data row. */
export interface BondTermsInput {
  readonly coupon_pct: number;
  readonly maturity_date: string;
  readonly frequency: number;
  readonly day_count: string;
}

export function parseBondTerms(input: BondTermsInput): BondTerms {
  if (!Number.isFinite(input.coupon_pct) || input.coupon_pct < 0) {
    throw new InvalidBondInputError(
      `coupon must be a non-negative percent, got ${input.coupon_pct}`,
      'coupon_pct',
    );
  }
  return {
    couponPct: input.coupon_pct,
    maturity: parseCivilDate(input.maturity_date, 'maturity_date'),
    frequency: parseCouponFrequency(input.frequency),
    dayCount: parseDayCount(input.day_count),
  };
}
