import fc from 'fast-check';
import {
  InvalidBondInputError,
  NonPositivePriceError,
  treasuryBillPrice,
  treasuryBillPriceRounded,
  treasuryBillYield,
} from '../../../domain/bonds';

describe('treasury bills', () => {
  // PNB Gilts, "Treasury Bills: yield calculation" (RBI formula Y = (100 - P) x 365 x 100 / (P x D)):
  // 91-day bill bought 2002-10-12, maturing 2002-12-06 (55 days) at 99.1489 -> 5.70%.
  it('when the PNB Gilts example is computed, then the yield is 5.70% (5.6967)', () => {
    const y = treasuryBillYield(99.1489, 55);
    expect(y).toBeCloseTo((0.8511 / 99.1489) * (365 / 55) * 100, 12);
    expect(y.toFixed(2)).toBe('5.70');
  });

  // Hand-derived: a 91-day bill at 98.20: 1.80 x 365 x 100 / (98.20 x 91) = 65700 / 8936.2 = 7.352118%.
  it('when a 91-day bill is priced at 98.20, then the yield is 7.3521% and the price comes back from it', () => {
    expect(treasuryBillYield(98.2, 91)).toBeCloseTo(7.352118, 6);
    expect(treasuryBillPrice(treasuryBillYield(98.2, 91), 91)).toBeCloseTo(98.2, 12);
    expect(treasuryBillPriceRounded(7.3521, 91)).toBe('98.2000');
  });

  it('when the days or the price are out of range, then typed errors are thrown', () => {
    expect(() => treasuryBillYield(0, 91)).toThrow(NonPositivePriceError);
    expect(() => treasuryBillYield(99, 0)).toThrow(InvalidBondInputError);
    expect(() => treasuryBillYield(99, 366)).toThrow(
      expect.objectContaining({ code: 'INVALID_BOND_INPUT', field: 'days' }),
    );
    expect(() => treasuryBillYield(99, 91.5)).toThrow(InvalidBondInputError);
    expect(() => treasuryBillPrice(-500, 91)).toThrow(expect.objectContaining({ field: 'yield_pct' }));
  });

  it('when any bill is priced from a yield, then the yield comes back and the price falls as the yield rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: 0, max: 300000 }),
        (days, basisPoints) => {
          const yieldPct = basisPoints / 10000;
          const price = treasuryBillPrice(yieldPct, days);
          expect(treasuryBillYield(price, days)).toBeCloseTo(yieldPct, 9);
          expect(treasuryBillPrice(yieldPct + 0.01, days)).toBeLessThan(price);
        },
      ),
    );
  });
});
