import { correlationMatrix, ewmaCovariance, sampleCovariance, volatilities } from '../../../domain/risk';

describe('covariance', () => {
  it('when rows are (1,2), (3,6), (5,10), then the sample covariance is [[4, 8], [8, 16]]', () => {
    // Means 3 and 6; deviations (-2,-4), (0,0), (2,4); sums of products / (3 - 1): 8/2, 16/2, 32/2.
    const cov = sampleCovariance([
      [1, 2],
      [3, 6],
      [5, 10],
    ]);
    expect(cov).toEqual([
      [4, 8],
      [8, 16],
    ]);
    expect(volatilities(cov)).toEqual([2, 4]);
    expect(correlationMatrix(cov)).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('when lambda = 0.5 over 1, 2, 3 (oldest first), then EWMA weights 1/7, 2/7, 4/7 give 45/7', () => {
    // Raw weights 0.5 x 0.5^age: 0.125, 0.25, 0.5, summing to 0.875 -> 1/7, 2/7, 4/7 (zero mean).
    // (1 + 2 x 4 + 4 x 9) / 7 = 45 / 7.
    expect(ewmaCovariance([[1], [2], [3]], 0.5)[0]?.[0]).toBeCloseTo(45 / 7, 14);
  });

  it('when lambda is the RiskMetrics default, then the most recent day weighs 1 - 0.94 (normalised)', () => {
    const cov = ewmaCovariance([[0], [0], [10]]);
    expect(cov[0]?.[0]).toBeCloseTo((0.06 * 100) / (1 - 0.94 ** 3), 12);
  });
});
