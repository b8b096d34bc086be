import { InvalidBondInputError } from './errors';
import { assertPositivePrice } from './price-yield';
import { roundHalfUp } from './rounding';

/*
 * Indian T-bills are zero-coupon, under a year, quoted on a 365-day simple-interest basis (RBI):
 * yield = (100 - P) / P x 365 / D x 100, with P per 100 face and D the days from settlement to maturity.
 */
const DAYS_IN_YEAR = 365;

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > DAYS_IN_YEAR) {
    throw new InvalidBondInputError(
      `days to maturity must be a whole number from 1 to ${DAYS_IN_YEAR}, got ${days}`,
      'days',
    );
  }
}

/** Yield in percent of a bill priced `price` per 100 face with `days` to maturity. */
export function treasuryBillYield(price: number, days: number): number {
  assertPositivePrice(price, 'price');
  assertDays(days);
  return (((100 - price) / price) * DAYS_IN_YEAR * 100) / days;
}

/** Price per 100 face: the inverse, 100 / (1 + y/100 x D / 365). */
export function treasuryBillPrice(yieldPct: number, days: number): number {
  assertDays(days);
  const growth = 1 + (yieldPct / 100) * (days / DAYS_IN_YEAR);
  if (!Number.isFinite(yieldPct) || !(growth > 0)) {
    throw new InvalidBondInputError(
      `yield ${yieldPct}% gives no positive price over ${days} days`,
      'yield_pct',
    );
  }
  return 100 / growth;
}

export function treasuryBillPriceRounded(yieldPct: number, days: number, decimals = 4): string {
  return roundHalfUp(treasuryBillPrice(yieldPct, days), decimals);
}
