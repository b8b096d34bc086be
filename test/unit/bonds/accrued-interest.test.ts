import fc from 'fast-check';
import Decimal from 'decimal.js';
import {
  accruedInterest,
  accruedInterestRupees,
  type BondTerms,
  parseCivilDate,
} from '../../../domain/bonds';
import { settledBondArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);

describe('accrued interest', () => {
  // Published Indian G-sec retail example (a bank's guide "Retailing of Government Securities: auction process"):
  // 10.71% GOI, coupons 19 April / 19 October, 30/360. Settled 2001-12-06: 47 days, accrued on Rs 10,000 =
  // 10.71/100 x 47/360 x 10000 = 139.825 -> Rs 139.83 (half-up; banker's rounding would give 139.82).
  // Settled 2001-12-09: 50 days -> 148.75.
  const gsec: BondTerms = { couponPct: 10.71, maturity: d('2016-04-19'), frequency: 2, dayCount: '30/360' };

  it('when the published G-sec example settles on 2001-12-06, then accrued on Rs 10,000 is Rs 139.83', () => {
    expect(accruedInterestRupees(gsec, d('2001-12-06'), 10_000)).toBe('139.83');
    expect(accruedInterest(gsec, d('2001-12-06'))).toBeCloseTo((10.71 * 47) / 360, 12);
  });

  it('when the same bond settles on 2001-12-09, then accrued on Rs 10,000 is Rs 148.75', () => {
    expect(accruedInterestRupees(gsec, d('2001-12-09'), '10000')).toBe('148.75');
  });

  // Microsoft Excel ACCRINT documentation: 10%, semi-annual, 30/360, from 2008-03-01 to settlement
  // 2008-05-01 on par 1000 -> 16.666667 (60/360 x 10% x 1000).
  it('when the Excel ACCRINT example accrues 60 days of 30/360, then it is Rs 16.67 on 1000', () => {
    const terms: BondTerms = { couponPct: 10, maturity: d('2010-09-01'), frequency: 2, dayCount: '30/360' };
    expect(accruedInterestRupees(terms, d('2008-05-01'), 1000)).toBe('16.67');
    expect(accruedInterest(terms, d('2008-05-01'))).toBeCloseTo(10 / 6, 12);
  });

  // Hand-derived: 2024-01-01 to 2024-04-01 is 91 days (31 + 29 + 31) in a 182-day half-year.
  it.each([
    ['ACT/365F', (8 * 91) / 365],
    ['ACT/360', (8 * 91) / 360],
    ['ACT/ACT-ICMA', (8 / 2) * (91 / 182)],
    ['30/360', (8 * 90) / 360],
    ['30E/360', (8 * 90) / 360],
  ] as const)(
    'when an 8%% semi-annual bond on %s settles 91 days into its period, then accrued per 100 is %d',
    (dayCount, expected) => {
      const terms: BondTerms = { couponPct: 8, maturity: d('2029-07-01'), frequency: 2, dayCount };
      expect(accruedInterest(terms, d('2024-04-01'))).toBeCloseTo(expected, 12);
    },
  );

  it('when a bond settles on a coupon date, then nothing has accrued', () => {
    const terms: BondTerms = { couponPct: 7.26, maturity: d('2033-02-06'), frequency: 2, dayCount: '30/360' };
    expect(accruedInterest(terms, d('2026-08-06'))).toBe(0);
    expect(accruedInterestRupees(terms, d('2026-08-06'), 5_000_000)).toBe('0.00');
  });

  it('when rupees are computed for any bond and face, then they are the per-100 figure scaled and rounded to the paisa', () => {
    fc.assert(
      fc.property(settledBondArb, fc.integer({ min: 1, max: 10_000_000 }), ({ terms, settlement }, lots) => {
        const face = lots * 100;
        const rupees = accruedInterestRupees(terms, settlement, face);
        expect(rupees).toMatch(/^\d+\.\d{2}$/);
        const fromFloat = new Decimal(accruedInterest(terms, settlement)).times(face).div(100);
        expect(new Decimal(rupees).minus(fromFloat).abs().toNumber()).toBeLessThanOrEqual(0.005 + 1e-6);
      }),
    );
  });
});
