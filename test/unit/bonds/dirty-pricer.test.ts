import fc from 'fast-check';
import {
  dirtyPriceAtYield,
  dirtyPricer,
  InvalidBondInputError,
  parseCivilDate,
  settleBond,
} from '../../../domain/bonds';
import { pricedBondArb, yieldPctArb } from './bond-arbitraries';

describe('dirty pricer for repricing', () => {
  it('when a 5-year 6% semi-annual bond is priced at 6% on a coupon date, then it is at par', () => {
    const bond = settleBond(
      { couponPct: 6, maturity: parseCivilDate('2031-01-15'), frequency: 2, dayCount: '30/360' },
      parseCivilDate('2026-01-15'),
    );
    expect(dirtyPricer(bond)(6)).toBeCloseTo(100, 10);
    // 10 flows of 3 and 100 at 3.5% a period: the annuity formula.
    const i = 0.035;
    expect(dirtyPricer(bond)(7)).toBeCloseTo((3 * (1 - (1 + i) ** -10)) / i + 100 * (1 + i) ** -10, 10);
  });

  it('when any bond is priced at any yield, then it agrees with dirtyPriceAtYield', () => {
    fc.assert(
      fc.property(pricedBondArb, yieldPctArb, ({ terms, settlement }, y) => {
        const bond = settleBond(terms, settlement);
        const expected = dirtyPriceAtYield(bond, y);
        expect(Math.abs(dirtyPricer(bond)(y) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }),
    );
  });

  it('when the yield is below -100 f percent, then it is bad input naming yield_pct', () => {
    const bond = settleBond(
      { couponPct: 6, maturity: parseCivilDate('2031-01-15'), frequency: 2, dayCount: '30/360' },
      parseCivilDate('2026-01-15'),
    );
    expect(() => dirtyPricer(bond)(-250)).toThrow(InvalidBondInputError);
  });
});
