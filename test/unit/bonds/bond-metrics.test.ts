import fc from 'fast-check';
import {
  bondMetrics,
  type BondMetricsInput,
  formatCivilDate,
  InvalidBondInputError,
  InvalidDateError,
  NonPositivePriceError,
  SettlementNotBeforeMaturityError,
  UnknownDayCountError,
  UnsupportedFrequencyError,
} from '../../../domain/bonds';
import { pricedBondArb, yieldPctArb } from './bond-arbitraries';

// RBI auction of 22 Aug 2025: 6.33% GS 2035 (maturity 2035-05-05) cut off at 98.39 -> 6.5553%, settled
// 2025-08-25. Accrued: 2025-05-05 to 2025-08-25 is 3 x 30 + 20 = 110 days of 30/360 -> 6.33 x 110 / 360.
const gsec = {
  coupon_pct: 6.33,
  maturity_date: '2035-05-05',
  settlement_date: '2025-08-25',
  frequency: 2,
  day_count: '30/360',
  face_value: 100,
} as const;

describe('bondMetrics', () => {
  it('when a G-sec is given its clean price, then yield, accrued and dirty price follow', () => {
    const m = bondMetrics({ ...gsec, clean_price: 98.39 });
    expect(m.clean_price).toBe(98.39);
    expect(m.accrued_interest).toBeCloseTo((6.33 * 110) / 360, 12);
    expect(m.dirty_price).toBeCloseTo(98.39 + (6.33 * 110) / 360, 12);
    expect(m.yield_pct).toBeCloseTo(6.5553, 4);
    expect(m.modified_duration).toBeCloseTo(m.macaulay_duration / (1 + m.yield_pct / 200), 12);
    expect(m.pv01).toBeGreaterThan(0);
    expect(m.convexity).toBeGreaterThan(0);
  });

  it('when the same G-sec is given its yield, then the metrics agree with the price route', () => {
    const fromPrice = bondMetrics({ ...gsec, clean_price: 98.39 });
    const fromYield = bondMetrics({ ...gsec, yield_pct: fromPrice.yield_pct });
    expect(fromYield.clean_price).toBeCloseTo(98.39, 10);
    for (const key of [
      'dirty_price',
      'accrued_interest',
      'macaulay_duration',
      'modified_duration',
      'convexity',
      'pv01',
    ] as const) {
      expect(fromYield[key]).toBeCloseTo(fromPrice[key], 9);
    }
  });

  it.each([
    [{ settlement_date: '2035-05-05' }, SettlementNotBeforeMaturityError, 'SETTLEMENT_NOT_BEFORE_MATURITY'],
    [{ settlement_date: '2036-01-01' }, SettlementNotBeforeMaturityError, 'SETTLEMENT_NOT_BEFORE_MATURITY'],
    [{ day_count: 'ACT/ACT-ISDA' }, UnknownDayCountError, 'UNKNOWN_DAY_COUNT'],
    [{ frequency: 3 }, UnsupportedFrequencyError, 'UNSUPPORTED_FREQUENCY'],
    [{ frequency: 0 }, UnsupportedFrequencyError, 'UNSUPPORTED_FREQUENCY'],
    [{ clean_price: 0 }, NonPositivePriceError, 'NON_POSITIVE_PRICE'],
    [{ clean_price: -1 }, NonPositivePriceError, 'NON_POSITIVE_PRICE'],
    [{ maturity_date: '2035-02-30' }, InvalidDateError, 'INVALID_DATE'],
    [{ coupon_pct: -1 }, InvalidBondInputError, 'INVALID_BOND_INPUT'],
    [{ face_value: 0 }, InvalidBondInputError, 'INVALID_BOND_INPUT'],
    [{ yield_pct: 6.5 }, InvalidBondInputError, 'INVALID_BOND_INPUT'],
  ])('when the input has %j, then it fails with a typed error', (change, type, code) => {
    const input = { ...gsec, clean_price: 98.39, ...change } as BondMetricsInput;
    expect(() => bondMetrics(input)).toThrow(type);
    expect(() => bondMetrics(input)).toThrow(expect.objectContaining({ code }));
  });

  it('when neither a price nor a yield is given, then it fails with INVALID_BOND_INPUT', () => {
    expect(() => bondMetrics({ ...gsec } as unknown as BondMetricsInput)).toThrow(InvalidBondInputError);
  });

  it('when metrics are taken from a yield and then from the resulting clean price, then the yield comes back', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, ({ terms, settlement }, yieldPct) => {
        const base = {
          coupon_pct: terms.couponPct,
          maturity_date: formatCivilDate(terms.maturity),
          settlement_date: formatCivilDate(settlement),
          frequency: terms.frequency,
          day_count: terms.dayCount,
          face_value: 100,
        };
        const fromYield = bondMetrics({ ...base, yield_pct: yieldPct });
        const fromPrice = bondMetrics({ ...base, clean_price: fromYield.clean_price });
        expect(fromPrice.yield_pct).toBeCloseTo(yieldPct, 6);
        expect(fromPrice.dirty_price).toBeCloseTo(fromYield.dirty_price, 9);
      }),
    );
  });
});
