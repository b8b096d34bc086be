import fc from 'fast-check';
import {
  decomposeParametricVar,
  incrementalVar,
  parametricVar,
  twoAssetParametricVar,
  type RiskPosition,
} from '../../../domain/risk';
import { CORPORATE, DAILY_COVARIANCE, GSEC } from './risk-fixtures';

const Z95 = 1.6448536269514722;
const Z99 = 2.3263478740408408;

const diagonal = (vols: number[]): number[][] =>
  vols.map((v, i) => vols.map((_, j) => (i === j ? v * v : 0)));

describe('parametric VaR', () => {
  it('when two assets are worked by hand, then VaR = z sqrt(e1^2 s1^2 + e2^2 s2^2 + 2 rho e1 e2 s1 s2) sqrt(h)', () => {
    // e = (10 lakh, 20 lakh), s = (1%, 2%), rho = 0.5:
    // variance = 10,000^2 + 40,000^2 + 2 x 0.5 x 10,000 x 40,000 = 1e8 + 1.6e9 + 4e8 = 2.1e9.
    const input = { exposures: [1e6, 2e6] as const, volatilities: [0.01, 0.02] as const, correlation: 0.5 };
    const oneDay = twoAssetParametricVar({ ...input, confidence: 0.99 });
    expect(oneDay.standardDeviation).toBeCloseTo(Math.sqrt(2.1e9), 6);
    expect(oneDay.var).toBeCloseTo(Z99 * 45825.7569495584, 6); // = 106,606.65
    const tenDay = twoAssetParametricVar({ ...input, confidence: 0.99, horizonDays: 10 });
    expect(tenDay.var).toBeCloseTo(oneDay.var * Math.sqrt(10), 6);
    // Normal ES = sigma phi(z) / (1 - a).
    expect(oneDay.es).toBeCloseTo(
      (Math.sqrt(2.1e9) * Math.exp((-Z99 * Z99) / 2)) / Math.sqrt(2 * Math.PI) / 0.01,
      6,
    );
  });

  it('when a G-sec has DV01 7,000 on 10Y moving 4.5 bp a day, then delta-normal VaR95 = 1.6449 x 31,500', () => {
    const result = parametricVar([GSEC], DAILY_COVARIANCE, { confidence: 0.95 });
    expect(result.standardDeviation).toBeCloseTo(31500, 8);
    expect(result.var).toBeCloseTo(Z95 * 31500, 8);
  });

  it('when the position has convexity, then the Cornish-Fisher model uses the exact quadratic-form cumulants', () => {
    // One factor, sigma = 4.5 bp: loss = 7000 x - 3 x^2 (gamma = 60 x 1e7 / 1e8 = 6), so a = 7000, b = -6.
    // k1 = b s^2 / 2 = -60.75; k2 = a^2 s^2 + b^2 s^4 / 2 = 992,250,000 + 7,381.125;
    // k3 = 3 a^2 b s^4 + b^3 s^6; k4 = 12 a^2 b^2 s^6 + 3 b^4 s^8.
    const s2 = 4.5 ** 2;
    const k1 = (-6 * s2) / 2;
    const k2 = 7000 ** 2 * s2 + (36 * s2 * s2) / 2;
    const k3 = 3 * 7000 ** 2 * -6 * s2 ** 2 + (-6) ** 3 * s2 ** 3;
    const k4 = 12 * 7000 ** 2 * 36 * s2 ** 3 + 3 * 6 ** 4 * s2 ** 4;
    const sd = Math.sqrt(k2);
    const skew = k3 / sd ** 3;
    const kurt = k4 / sd ** 4;
    const z = Z99;
    const zCf =
      z + ((z * z - 1) * skew) / 6 + ((z ** 3 - 3 * z) * kurt) / 24 - ((2 * z ** 3 - 5 * z) * skew ** 2) / 36;

    const result = parametricVar([GSEC], DAILY_COVARIANCE, {
      confidence: 0.99,
      model: 'DELTA_GAMMA_CORNISH_FISHER',
    });
    expect(result.mean).toBeCloseTo(k1, 9);
    expect(result.standardDeviation).toBeCloseTo(sd, 6);
    expect(result.skewness).toBeCloseTo(skew, 12);
    expect(result.excessKurtosis).toBeCloseTo(kurt, 12);
    expect(result.var).toBeCloseTo(k1 + sd * zCf, 6);
    // Convexity helps a long bond: the delta-gamma VaR sits below the delta-normal one.
    expect(result.var).toBeLessThan(parametricVar([GSEC], DAILY_COVARIANCE, { confidence: 0.99 }).var);
  });

  it('when there is no convexity, then the Cornish-Fisher model equals delta-normal', () => {
    const linear = { ...CORPORATE, convexity: 0 };
    const dg = parametricVar([linear], DAILY_COVARIANCE, {
      confidence: 0.975,
      model: 'DELTA_GAMMA_CORNISH_FISHER',
    });
    const dn = parametricVar([linear], DAILY_COVARIANCE, { confidence: 0.975 });
    expect(dg.var).toBeCloseTo(dn.var, 8);
    expect(dg.es).toBeCloseTo(dn.es, 8);
  });

  it('when decomposed, then the position and factor components sum exactly to VaR and ES', () => {
    const positions = [GSEC, CORPORATE];
    const d = decomposeParametricVar(positions, DAILY_COVARIANCE, { confidence: 0.99, horizonDays: 10 });
    const total = parametricVar(positions, DAILY_COVARIANCE, { confidence: 0.99, horizonDays: 10 });
    expect(d.var).toBeCloseTo(total.var, 8);
    const sum = (
      xs: readonly { componentVar: number; componentEs: number }[],
      key: 'componentVar' | 'componentEs',
    ): number => xs.reduce((acc, c) => acc + c[key], 0);
    expect(sum(d.byPosition, 'componentVar')).toBeCloseTo(d.var, 6);
    expect(sum(d.byPosition, 'componentEs')).toBeCloseTo(d.es, 6);
    expect(sum(d.byFactor, 'componentVar')).toBeCloseTo(d.var, 6);
    expect(d.byPosition.reduce((acc, c) => acc + c.percentOfVar, 0)).toBeCloseTo(100, 10);
    expect(d.byPosition[0]?.marginalVar).toBeCloseTo(
      (d.byPosition[0]?.componentVar ?? 0) / GSEC.marketValue,
      15,
    );
  });

  it('when two uncorrelated positions are decomposed by hand, then components are z s_i^2 / s', () => {
    // Independent factors, sigma_1 = 3,000 and sigma_2 = 4,000: sigma = 5,000; components z 9e6/5e3 and z 16e6/5e3.
    const cov = diagonal([1, 1, 1, 1, 1, 1]);
    const a: RiskPosition = { id: 'a', marketValue: 1, dv01: { '1Y': 3000 } };
    const b: RiskPosition = { id: 'b', marketValue: 1, dv01: { '30Y': 4000 } };
    const d = decomposeParametricVar([a, b], cov, { confidence: 0.95 });
    expect(d.var).toBeCloseTo(Z95 * 5000, 8);
    expect(d.byPosition.map((c) => c.componentVar)).toEqual([
      expect.closeTo((Z95 * 9e6) / 5000, 8),
      expect.closeTo((Z95 * 16e6) / 5000, 8),
    ]);
    // Incremental: 5,000 z - 4,000 z and 5,000 z - 3,000 z.
    const incremental = incrementalVar([a, b], (ps) => parametricVar(ps, cov, { confidence: 0.95 }).var);
    expect(incremental.map((i) => i.incrementalVar)).toEqual([
      expect.closeTo(Z95 * 1000, 8),
      expect.closeTo(Z95 * 2000, 8),
    ]);
  });

  it('when every exposure is scaled by c, then delta-normal VaR scales by |c|', () => {
    const dv01 = fc.double({ min: -1e5, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(dv01, { minLength: 6, maxLength: 6 }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (d, c) => {
          const keys = ['1Y', '2Y', '5Y', '10Y', '30Y', 'SPREAD'] as const;
          const position = (scale: number): RiskPosition => ({
            id: 'p',
            marketValue: 1e6,
            dv01: Object.fromEntries(keys.map((k, i) => [k, scale * (d[i] as number)])),
          });
          const base = parametricVar([position(1)], DAILY_COVARIANCE, { confidence: 0.99 }).var;
          const scaled = parametricVar([position(c)], DAILY_COVARIANCE, { confidence: 0.99 }).var;
          return Math.abs(scaled - Math.abs(c) * base) <= 1e-9 * Math.max(1, Math.abs(c) * base);
        },
      ),
    );
  });
});
