import {
  boxMullerNormals,
  decomposeScenarioVar,
  monteCarloVar,
  NotPositiveSemiDefiniteError,
  parametricVar,
  xoshiro128StarStar,
  type RiskPosition,
} from '../../../domain/risk';
import { CORPORATE, DAILY_COVARIANCE, GSEC } from './risk-fixtures';

const LINEAR: RiskPosition[] = [
  { ...GSEC, convexity: 0 },
  { ...CORPORATE, convexity: 0 },
  { id: 'SHORT_1Y', marketValue: -2e6, dv01: { '1Y': -200 } },
];

describe('Monte Carlo VaR', () => {
  it('when the same seed is used twice, then the scenarios and the answer are identical', () => {
    const options = { confidence: 0.99, paths: 2000, seed: 7 };
    const a = monteCarloVar([GSEC, CORPORATE], DAILY_COVARIANCE, options);
    const b = monteCarloVar([GSEC, CORPORATE], DAILY_COVARIANCE, options);
    expect(b.var).toBe(a.var);
    expect(Array.from(b.pnl)).toEqual(Array.from(a.pnl));
    expect(monteCarloVar([GSEC, CORPORATE], DAILY_COVARIANCE, { ...options, seed: 8 }).var).not.toBe(a.var);
  });

  it('when the portfolio is linear, then 200,000 paths at seed 42 land within 2% of the parametric VaR and ES', () => {
    // Quantile standard error at 99% is about sqrt(0.99 x 0.01 / N) / phi(z) sigma = 0.83% of sigma, i.e. 0.36% of VaR;
    // 2% leaves room for any seed while still catching a wrong covariance or horizon.
    const options = { confidence: 0.99, horizonDays: 10 };
    const exact = parametricVar(LINEAR, DAILY_COVARIANCE, options);
    const simulated = monteCarloVar(LINEAR, DAILY_COVARIANCE, { ...options, paths: 200_000, seed: 42 });
    expect(Math.abs(simulated.var / exact.var - 1)).toBeLessThan(0.02);
    expect(Math.abs(simulated.es / exact.es - 1)).toBeLessThan(0.02);
  });

  it('when the factor covariance is singular (two factors perfectly correlated), then the jitter lets it run', () => {
    const singular = DAILY_COVARIANCE.map((row) => [...row]);
    // Make SPREAD a copy of 30Y: identical rows and columns.
    for (let i = 0; i < 6; i++) {
      (singular[i] as number[])[5] = singular[i]?.[4] as number;
      (singular[5] as number[])[i] = singular[4]?.[i] as number;
    }
    (singular[5] as number[])[5] = singular[4]?.[4] as number;
    expect(() =>
      monteCarloVar([CORPORATE], singular, { confidence: 0.95, paths: 100, seed: 1 }),
    ).not.toThrow();
  });

  it('when the covariance is not PSD, then the error names it', () => {
    const broken = DAILY_COVARIANCE.map((row, i) =>
      row.map((v, j) => (i !== j && (i === 0 || j === 0) ? -v * 3 : v)),
    );
    expect(() => monteCarloVar([GSEC], broken, { confidence: 0.95, paths: 10, seed: 1 })).toThrow(
      NotPositiveSemiDefiniteError,
    );
  });

  it('when decomposed, then the position components sum to the Monte Carlo VaR', () => {
    const result = monteCarloVar([GSEC, CORPORATE], DAILY_COVARIANCE, {
      confidence: 0.95,
      paths: 5000,
      seed: 3,
    });
    const d = decomposeScenarioVar([GSEC, CORPORATE], result);
    expect(d.byPosition.reduce((s, c) => s + c.componentVar, 0)).toBeCloseTo(result.var, 8);
  });

  it('when many normals are drawn, then their mean and variance are 0 and 1 within sampling error', () => {
    const normal = boxMullerNormals(xoshiro128StarStar(2026));
    let sum = 0;
    let squares = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = normal();
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02); // 5 standard errors of 1/sqrt(n) = 0.0032
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.03); // 5 x sqrt(2 / n) = 0.022
  });
});

describe('Monte Carlo full revaluation', () => {
  it('when revalue reproduces the delta-gamma model, then both revaluations give the same VaR at a seed', () => {
    // G-sec: value = MV - 7000 y + 3 y^2 on the 10Y move, exactly its quadratic model.
    const priced: RiskPosition = {
      ...GSEC,
      revalue: (shift) => GSEC.marketValue - 7000 * shift['10Y'] + 3 * shift['10Y'] ** 2,
    };
    const options = { confidence: 0.99, paths: 3000, seed: 11, horizonDays: 5 };
    const full = monteCarloVar([priced], DAILY_COVARIANCE, { ...options, revaluation: 'FULL_REVALUATION' });
    const approx = monteCarloVar([priced], DAILY_COVARIANCE, options);
    expect(full.revaluation).toBe('FULL_REVALUATION');
    expect(full.var).toBeCloseTo(approx.var, 6);
    expect(full.es).toBeCloseTo(approx.es, 6);
  });
});
