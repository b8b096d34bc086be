import { inverseNormalCdf, InvalidRiskInputError } from '../../../domain/risk';

describe('inverse normal (AS 241)', () => {
  it.each([
    [0.95, 1.6448536269514722],
    [0.99, 2.3263478740408408],
    [0.975, 1.959963984540054],
    [0.5, 0],
  ])('when p = %p, then the quantile is %p to 1e-15', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThanOrEqual(1e-15 * Math.max(1, z));
  });

  it('when p is in the lower tail, then the quantile is the mirror image', () => {
    expect(inverseNormalCdf(0.05)).toBeCloseTo(-1.6448536269514722, 15);
    // Phi^-1(1e-12) = -7.03448382530113193 (mpmath, 30 digits); sqrt(-ln 1e-12) > 5 exercises the far-tail branch.
    expect(inverseNormalCdf(1e-12)).toBeCloseTo(-7.034483825301132, 13);
  });

  it('when p is 0, 1 or not a number, then a typed error is thrown', () => {
    for (const p of [0, 1, Number.NaN]) expect(() => inverseNormalCdf(p)).toThrow(InvalidRiskInputError);
  });
});
