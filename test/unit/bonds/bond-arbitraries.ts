import fc from 'fast-check';
import { DAY_COUNTS } from '../../../domain/reference-data/bond-types';
import {
  addDays,
  addMonths,
  type BondTerms,
  type CivilDate,
  civilDateFromDayNumber,
  type CouponFrequency,
  dayNumber,
  settleBond,
} from '../../../domain/bonds';

export const frequencyArb = fc.constantFrom<CouponFrequency>(1, 2, 4, 12);
export const dayCountArb = fc.constantFrom(...DAY_COUNTS);

const FIRST_DAY = dayNumber({ year: 1900, month: 1, day: 1 });
const LAST_DAY = dayNumber({ year: 2199, month: 12, day: 31 });

/** Any calendar date from 1900 to 2199, with month ends (which drive the end-of-month rules) drawn often. */
export const civilDateArb: fc.Arbitrary<CivilDate> = fc.oneof(
  fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(civilDateFromDayNumber),
  fc
    .record({ year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => addDays(addMonths({ year, month, day: 1 }, 1), -1)),
);

/** A fixed-rate bond and a settlement date from one day to 40 years before maturity. */
export const settledBondArb: fc.Arbitrary<{ terms: BondTerms; settlement: CivilDate }> = fc
  .record({
    couponPct: fc.integer({ min: 0, max: 1500 }).map((c) => c / 100),
    maturity: civilDateArb.filter((d) => d.year >= 2000 && d.year <= 2150),
    frequency: frequencyArb,
    dayCount: dayCountArb,
    daysBefore: fc.integer({ min: 1, max: 40 * 365 }),
  })
  .map(({ daysBefore, ...terms }) => ({ terms, settlement: addDays(terms.maturity, -daysBefore) }));

/** Yields in percent from -2% to 25%, in steps of 0.0001 (a quoted yield has at most 4 decimals). */
export const yieldPctArb = fc.integer({ min: -20000, max: 250000 }).map((y) => y / 10000);

/**
 * Settled bonds with day-count time left to maturity. Excluded: 30/360 bonds settling on the 30th for a
 * last coupon on the 31st, which 30/360 counts as the same day, so their price ignores the yield.
 */
export const pricedBondArb = settledBondArb.filter(({ terms, settlement }) => {
  const flows = settleBond(terms, settlement).cashFlows;
  return (flows[flows.length - 1]?.periods ?? 0) > 0;
});
