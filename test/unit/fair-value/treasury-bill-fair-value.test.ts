import fc from 'fast-check';
import { bondPriceAt, bondYieldAt } from '../../../domain/fair-value/bond-fair-value';

// A 91-day bill from 2026-11-24: the discount basis is simple yield on 365 days.
const bill = { couponPct: 0, maturityDate: '2027-02-23', frequency: 0, dayCount: 'ACT/365' };
const SETTLEMENT = '2026-11-24';

describe('fair value of a treasury bill', () => {
  test('when a 91-day bill is priced at 7%, then the price is 100 / (1 + 0.07 x 91/365)', () => {
    expect(bondPriceAt(bill, SETTLEMENT, 7)).toBeCloseTo(100 / (1 + (0.07 * 91) / 365), 10);
  });

  test('when a bill price is turned into a yield and back, then the price is unchanged', () => {
    fc.assert(
      fc.property(fc.double({ min: 90, max: 99.99, noNaN: true }), (price) => {
        expect(bondPriceAt(bill, SETTLEMENT, bondYieldAt(bill, SETTLEMENT, price))).toBeCloseTo(price, 8);
      }),
    );
  });
});
