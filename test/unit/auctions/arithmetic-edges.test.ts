import { allocateProRata, validateRoundImprovement } from '../../../domain/auctions';
import { compareIds } from '../../../domain/auctions/bid-order';
import { mulDivFloor, parseExactDecimal, parseFixed4 } from '../../../domain/auctions/fixed-point';
import { priceBid } from './auction-fixture';

describe('auction arithmetic at its edges', () => {
  test('when a decimal is beyond the exact range, then parseFixed4 answers null and mulDivFloor throws', () => {
    // 10^12 rupees is 10^16 units of 0.0001: past 2^53, so not exact as a number.
    expect(parseFixed4('1000000000000')).toBeNull();
    expect(parseFixed4('900719925474.0991')).toBe(9_007_199_254_740_991);
    expect(() => mulDivFloor(2 ** 40, 2 ** 40, 1)).toThrow(RangeError);
  });

  test('when a decimal has no fraction, then it is an exact fraction over 1', () => {
    expect(parseExactDecimal('125')).toEqual({ numerator: 125n, denominator: 1n });
    expect(parseExactDecimal('1.25')).toEqual({ numerator: 125n, denominator: 100n });
  });

  test('when bid ids are strings, then they order as text, equal ids tie', () => {
    expect(compareIds('b-2', 'b-10')).toBe(1);
    expect(compareIds('b-10', 'b-2')).toBe(-1);
    expect(compareIds('b-7', 'b-7')).toBe(0);
    expect(compareIds(7, '7')).toBe(0);
  });

  test('when an amount is not whole lots, then pro-rata refuses to share it', () => {
    expect(() =>
      allocateProRata([{ bid: priceBid(1, 1, '99.0000', 35_000), amount: 35_000 }], 20_000, 10_000),
    ).toThrow(/not a multiple of the lot/);
  });

  test('when a round bid carries no value for the basis, then only its amount is compared', () => {
    const before = { ...priceBid(1, 1, '99.0000', 20_000), price: undefined };
    const after = priceBid(2, 1, '98.0000', 10_000);
    expect(validateRoundImprovement('PRICE', before, after).map((v) => v.code)).toEqual([
      'AMOUNT_BELOW_PREVIOUS_ROUND',
    ]);
    expect(
      validateRoundImprovement('PRICE', priceBid(3, 1, '99.0000', 10_000), { ...after, price: undefined }),
    ).toEqual([]);
  });
});
