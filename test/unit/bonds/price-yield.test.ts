import fc from 'fast-check';
import {
  accruedInterest,
  type BondTerms,
  cleanPriceFromYield,
  couponSchedule,
  dirtyPriceFromYield,
  InvalidBondInputError,
  NonPositivePriceError,
  parseCivilDate,
  priceFromYieldRounded,
  roundHalfUp,
  yieldFromCleanPrice,
  yieldFromDirtyPrice,
  YieldNotFoundError,
} from '../../../domain/bonds';
import { DAY_COUNTS } from '../../../domain/reference-data/bond-types';
import { pricedBondArb, settledBondArb, yieldPctArb } from './bond-arbitraries';

const d = (text: string) => parseCivilDate(text);
const gsec = (couponPct: number, maturity: string): BondTerms => ({
  couponPct,
  maturity: d(maturity),
  frequency: 2,
  dayCount: '30/360',
});
/** Closed-form value of n level coupons c and par at periodic yield i, one period before the first coupon. */
const annuityPrice = (c: number, n: number, i: number) => (c * (1 - (1 + i) ** -n)) / i + 100 * (1 + i) ** -n;

describe('price and yield', () => {
  // Microsoft Excel PRICE documentation: settlement 2008-02-15, maturity 2017-11-15, 5.75%, yield 6.50%,
  // redemption 100, semi-annual, 30/360 -> 94.63436162.
  it('when the Excel PRICE example is priced, then the clean price is 94.63436162', () => {
    expect(cleanPriceFromYield(gsec(5.75, '2017-11-15'), d('2008-02-15'), 6.5)).toBeCloseTo(94.63436162, 8);
  });

  // Microsoft Excel YIELD documentation: settlement 2008-02-15, maturity 2016-11-15, 5.75%, price 95.04287,
  // semi-annual, 30/360 -> 6.50% (the price is itself rounded, hence 6.5000007).
  it('when the Excel YIELD example is solved, then the yield is 6.50%', () => {
    expect(yieldFromCleanPrice(gsec(5.75, '2016-11-15'), d('2008-02-15'), 95.04287)).toBeCloseTo(6.5, 5);
  });

  // RBI press releases on dated G-sec auctions, cut-off price -> YTM (4 decimals), settlement T+1:
  // 2 Dec 2011: 7.83% GS 2018 at 95.94 -> 8.6713%; 8.79% GS 2021 at 100.49 -> 8.7134% (settled 2011-12-05).
  // 22 Aug 2025: 6.33% GS 2035 at 98.39 -> 6.5553%; 5.91% GS 2028 at 99.75 -> 6.0032% (settled 2025-08-25).
  it.each([
    [7.83, '2018-04-11', '2011-12-05', 95.94, 8.6713],
    [8.79, '2021-11-08', '2011-12-05', 100.49, 8.7134],
    [6.33, '2035-05-05', '2025-08-25', 98.39, 6.5553],
    [5.91, '2028-06-30', '2025-08-25', 99.75, 6.0032],
  ])(
    'when the RBI auction of the %d%% G-sec maturing %s clears at its cut-off price, then the yield is the published YTM',
    (coupon, maturity, settlement, price, ytm) => {
      expect(Math.abs(yieldFromCleanPrice(gsec(coupon, maturity), d(settlement), price) - ytm)).toBeLessThan(
        0.00005,
      );
      expect(priceFromYieldRounded(gsec(coupon, maturity), d(settlement), ytm, 2)).toBe(price.toFixed(2));
    },
  );

  it.each(
    DAY_COUNTS.flatMap((dayCount) =>
      ([1, 2, 4, 12] as const).map((frequency) => [dayCount, frequency] as const),
    ),
  )(
    'when a %s bond paying %i times a year settles on a coupon date at a yield equal to its coupon, then it prices at 100',
    (dayCount, frequency) => {
      const terms: BondTerms = { couponPct: 7.1, maturity: d('2035-03-31'), frequency, dayCount };
      expect(dirtyPriceFromYield(terms, d('2025-03-31'), 7.1)).toBeCloseTo(100, 10);
      expect(yieldFromCleanPrice(terms, d('2025-03-31'), 100)).toBeCloseTo(7.1, 9);
    },
  );

  // Hand-derived, street convention: dirty price a fraction a into a period = (value at the previous
  // coupon date) x (1 + y/f)^a; the value at the previous coupon date is the closed-form annuity.
  it('when a quarterly 30/360 bond settles 30 of 90 days into a period, then dirty = annuity x 1.015^(1/3)', () => {
    // 8% quarterly, 8 coupons of 2 left from 2026-03-15, yield 6% -> i = 1.5% per quarter.
    const terms: BondTerms = { couponPct: 8, maturity: d('2028-03-15'), frequency: 4, dayCount: '30/360' };
    expect(dirtyPriceFromYield(terms, d('2026-03-15'), 6)).toBeCloseTo(annuityPrice(2, 8, 0.015), 10); // 103.74298
    const dirty = annuityPrice(2, 8, 0.015) * 1.015 ** (1 / 3);
    expect(dirtyPriceFromYield(terms, d('2026-04-15'), 6)).toBeCloseTo(dirty, 10);
    expect(cleanPriceFromYield(terms, d('2026-04-15'), 6)).toBeCloseTo(dirty - 2 / 3, 10);
  });

  it('when a monthly ACT/360 bond settles 10 of 31 days into a period, then the fraction is in actual days', () => {
    // 12% monthly, 12 coupons of 1 left from 2026-01-10, yield 9% -> i = 0.75%; accrued 12 x 10/360.
    const terms: BondTerms = { couponPct: 12, maturity: d('2027-01-10'), frequency: 12, dayCount: 'ACT/360' };
    const dirty = annuityPrice(1, 12, 0.0075) * 1.0075 ** (10 / 31);
    expect(dirtyPriceFromYield(terms, d('2026-01-20'), 9)).toBeCloseTo(dirty, 10);
    expect(cleanPriceFromYield(terms, d('2026-01-20'), 9)).toBeCloseTo(dirty - (12 * 10) / 360, 10);
  });

  it('when an annual ACT/ACT-ICMA bond settles 183 of 365 days into a period, then dirty = annuity x 1.04^(183/365)', () => {
    const terms: BondTerms = {
      couponPct: 5,
      maturity: d('2029-06-01'),
      frequency: 1,
      dayCount: 'ACT/ACT-ICMA',
    };
    const dirty = annuityPrice(5, 3, 0.04) * 1.04 ** (183 / 365);
    expect(dirtyPriceFromYield(terms, d('2026-12-01'), 4)).toBeCloseTo(dirty, 10);
    expect(accruedInterest(terms, d('2026-12-01'))).toBeCloseTo((5 * 183) / 365, 12);
  });

  it('when a semi-annual ACT/365F bond settles 90 days into a 181-day period, then accrued uses 365 and the fraction 181', () => {
    const terms: BondTerms = { couponPct: 9, maturity: d('2027-07-01'), frequency: 2, dayCount: 'ACT/365F' };
    const dirty = annuityPrice(4.5, 3, 0.035) * 1.035 ** (90 / 181);
    expect(dirtyPriceFromYield(terms, d('2026-04-01'), 7)).toBeCloseTo(dirty, 10);
    expect(cleanPriceFromYield(terms, d('2026-04-01'), 7)).toBeCloseTo(dirty - (9 * 90) / 365, 10);
  });

  it('when an annual zero-coupon bond has 5 years left, then it prices at 100 / 1.05^5', () => {
    const terms: BondTerms = {
      couponPct: 0,
      maturity: d('2031-01-01'),
      frequency: 1,
      dayCount: 'ACT/ACT-ICMA',
    };
    expect(cleanPriceFromYield(terms, d('2026-01-01'), 5)).toBeCloseTo(100 / 1.05 ** 5, 10); // 78.35262
  });

  it('when a booked price is rounded, then it is half-up to 4 decimals by default, as a string', () => {
    expect(priceFromYieldRounded(gsec(5.75, '2017-11-15'), d('2008-02-15'), 6.5)).toBe('94.6344');
    expect(roundHalfUp(98.12345, 4)).toBe('98.1235'); // the float is 98.1234499...; its decimal text is what counts
    expect(roundHalfUp(0.5, 0)).toBe('1');
    expect(roundHalfUp('139.825', 2)).toBe('139.83');
  });

  it('when prices are extreme, then the solver still finds the yield (bisection takes over from Newton)', () => {
    const long = gsec(8, '2056-01-01');
    const settlement = d('2026-02-17');
    for (const price of [0.5, 5, 40, 100, 250, 400]) {
      const y = yieldFromCleanPrice(long, settlement, price);
      expect(cleanPriceFromYield(long, settlement, y)).toBeCloseTo(price, 9);
    }
    expect(yieldFromCleanPrice(long, settlement, 400)).toBeLessThan(0);
    const lastDay: BondTerms = {
      couponPct: 6,
      maturity: d('2026-03-01'),
      frequency: 12,
      dayCount: 'ACT/360',
    };
    const y = yieldFromCleanPrice(lastDay, d('2026-02-28'), 99.99);
    expect(cleanPriceFromYield(lastDay, d('2026-02-28'), y)).toBeCloseTo(99.99, 9);
  });

  it('when a price is not positive or no yield reaches it, then a typed error says so', () => {
    const terms = gsec(7, '2030-01-01');
    expect(() => yieldFromCleanPrice(terms, d('2026-01-01'), 0)).toThrow(NonPositivePriceError);
    expect(() => yieldFromCleanPrice(terms, d('2026-01-01'), -5)).toThrow(
      expect.objectContaining({ code: 'NON_POSITIVE_PRICE' }),
    );
    expect(() => yieldFromDirtyPrice(terms, d('2026-01-01'), Number.NaN)).toThrow(InvalidBondInputError);
    expect(() => yieldFromDirtyPrice({ ...terms, couponPct: 0 }, d('2026-01-01'), 1e-300)).toThrow(
      YieldNotFoundError,
    );
    expect(() => dirtyPriceFromYield(terms, d('2026-01-01'), -200)).toThrow(
      expect.objectContaining({ code: 'INVALID_BOND_INPUT', field: 'yield_pct' }),
    );
  });

  it('when a 30/360 bond settles on the 30th for its last coupon on the 31st, then no yield can be solved for', () => {
    const terms: BondTerms = { couponPct: 6, maturity: d('2030-01-31'), frequency: 2, dayCount: '30/360' };
    expect(dirtyPriceFromYield(terms, d('2030-01-30'), 1)).toBeCloseTo(103, 12);
    expect(dirtyPriceFromYield(terms, d('2030-01-30'), 20)).toBeCloseTo(103, 12);
    expect(() => yieldFromDirtyPrice(terms, d('2030-01-30'), 103)).toThrow(YieldNotFoundError);
  });

  it('when any bond settles on a coupon date at a yield equal to its coupon, then it prices at par', () => {
    fc.assert(
      fc.property(settledBondArb, ({ terms, settlement }) => {
        const onCoupon = couponSchedule(terms.maturity, terms.frequency, settlement).period.previous;
        expect(cleanPriceFromYield(terms, onCoupon, terms.couponPct)).toBeCloseTo(100, 9);
      }),
    );
  });

  it('when a yield is priced and the price solved back, then the price matches to 1e-10 and the yield closely', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, ({ terms, settlement }, yieldPct) => {
        const price = cleanPriceFromYield(terms, settlement, yieldPct);
        const solved = yieldFromCleanPrice(terms, settlement, price);
        expect(Math.abs(cleanPriceFromYield(terms, settlement, solved) - price)).toBeLessThanOrEqual(1e-10);
        expect(solved).toBeCloseTo(yieldPct, 6);
      }),
    );
  });

  it('when the yield rises, then the price falls', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, yieldPctArb, ({ terms, settlement }, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(dirtyPriceFromYield(terms, settlement, low)).toBeGreaterThan(
          dirtyPriceFromYield(terms, settlement, high),
        );
      }),
    );
  });
});
