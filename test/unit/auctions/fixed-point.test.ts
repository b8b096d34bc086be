import fc from 'fast-check';
import { formatFixed4, mulDivHalfUp, parseFixed4 } from '../../../domain/auctions/fixed-point';

describe('4-decimal parsing', () => {
  it('when a decimal has at most 4 places, then it becomes exact units of 0.0001', () => {
    expect(parseFixed4('99.5')).toBe(995_000);
    expect(parseFixed4('100.0025')).toBe(1_000_025);
    expect(parseFixed4('-7.1')).toBe(-71_000);
    expect(parseFixed4('0')).toBe(0);
    expect(parseFixed4(95.5)).toBe(955_000);
  });

  it('when a value has 5 places or is not a plain decimal, then it is refused', () => {
    for (const bad of ['99.50001', '1e2', '.5', '5.', ' 9', '9 ', '', '-', '1.2.3', '+1', '99,5'])
      expect(parseFixed4(bad)).toBeNull();
    expect(parseFixed4(Number.NaN)).toBeNull();
    expect(parseFixed4(1e21)).toBeNull();
  });

  it('when units are formatted and parsed again, then they come back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (units) =>
        expect(parseFixed4(formatFixed4(units))).toBe(units),
      ),
    );
  });
});

describe('half-up division', () => {
  it('when exactly half, then it rounds up; past 2^53 it stays exact', () => {
    expect(mulDivHalfUp(1, 5, 10)).toBe(1); // 0.5 -> 1
    expect(mulDivHalfUp(1, 4, 10)).toBe(0);
    // 9,000,000,000,000 x 1,000,025 / 10,000 = 900,000,000 x 1,000,025 = 900,022,500,000,000 (product past 2^53)
    expect(mulDivHalfUp(9_000_000_000_000, 1_000_025, 10_000)).toBe(900_022_500_000_000);
    // (2^52 + 1) / 2 = 2^51 + 0.5 -> 2^51 + 1, on the BigInt path
    expect(mulDivHalfUp(2 ** 52 + 1, 1, 2)).toBe(2 ** 51 + 1);
  });
});
