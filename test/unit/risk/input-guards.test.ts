import {
  correlationMatrix,
  ewmaCovariance,
  sampleCovariance,
  volatilities,
} from '../../../domain/risk/covariance';
import { InvalidRiskInputError, NotPositiveSemiDefiniteError } from '../../../domain/risk/errors';
import { horizonDays } from '../../../domain/risk/horizon';
import { cholesky, toSymmetricFlat } from '../../../domain/risk/matrix';
import { correlatedNormalScenarios } from '../../../domain/risk/monte-carlo-var';
import {
  decomposeParametricVar,
  deltaNormalVar,
  parametricVar,
  twoAssetParametricVar,
} from '../../../domain/risk/parametric-var';
import { xoshiro128StarStar } from '../../../domain/risk/random';
import { FACTOR_COUNT, factorShiftFromVector } from '../../../domain/risk/risk-factors';
import { createScenarioPnlModel, revaluedPnl } from '../../../domain/risk/scenario-pnl';
import { positionSensitivity } from '../../../domain/risk/sensitivities';
import type { RiskPosition } from '../../../domain/risk/position';

const identity = (n: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1e-4 : 0)));
const options = { confidence: 0.99, horizonDays: 1 };
const rejects = (run: () => unknown, field: string) => {
  expect(run).toThrow(InvalidRiskInputError);
  try {
    run();
  } catch (err) {
    expect((err as InvalidRiskInputError).field).toBe(field);
  }
};

describe('risk inputs that cannot give a number are refused, naming the field', () => {
  test('when a covariance has too little history or a bad decay, then it is refused', () => {
    rejects(() => sampleCovariance([[0.1, 0.2]]), 'history');
    rejects(() => sampleCovariance([]), 'history');
    rejects(() => ewmaCovariance([[0.1]], 1), 'lambda');
    rejects(() => ewmaCovariance([[0.1]], 0), 'lambda');
  });

  test('when a factor never moves, then its correlation with anything is 0 (not NaN) and its own is 1', () => {
    const cov = sampleCovariance([
      [1, 0],
      [3, 0],
      [2, 0],
    ]);
    expect(volatilities(cov)).toEqual([1, 0]);
    expect(correlationMatrix(cov)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // A covariance row without its diagonal counts as zero variance.
    expect(volatilities([[]])).toEqual([0]);
  });

  test('when the horizon, seed, matrix or path count is malformed, then it is refused', () => {
    expect(horizonDays(undefined)).toBe(1);
    rejects(() => horizonDays(0), 'time_horizon');
    rejects(() => horizonDays(2.5), 'time_horizon');
    rejects(() => xoshiro128StarStar(1.5), 'seed');
    rejects(
      () =>
        toSymmetricFlat(
          [
            [1, Number.NaN],
            [0, 1],
          ],
          'covariance',
        ),
      'covariance',
    );
    rejects(() => correlatedNormalScenarios(identity(2), { ...options, paths: 10, seed: 1 }), 'covariance');
    rejects(
      () => correlatedNormalScenarios(identity(FACTOR_COUNT), { ...options, paths: 0, seed: 1 }),
      'paths',
    );
    rejects(() => deltaNormalVar([1, 2, 3], identity(2), options), 'covariance');
    rejects(() => parametricVar([], identity(2), options), 'covariance');
    rejects(
      () =>
        twoAssetParametricVar({
          ...options,
          exposures: [1, 1],
          volatilities: [0.01, 0.01],
          correlation: 1.5,
        }),
      'correlation',
    );
  });

  test('when a variance is negative, or a singular matrix may not be jittered, then Cholesky refuses it', () => {
    expect(() => cholesky([[-1]])).toThrow(NotPositiveSemiDefiniteError);
    const singular = [
      [1, 2],
      [2, 1],
    ];
    expect(() => cholesky(singular, { maxRelativeJitter: 0 })).toThrow(/not positive semi-definite/);
  });

  test('when a position has a non-finite sensitivity or revaluation, then it is refused', () => {
    const base: RiskPosition = { id: 'p', marketValue: 100, dv01: { '5Y': 1 } };
    rejects(() => positionSensitivity({ ...base, dv01: { '5Y': Number.POSITIVE_INFINITY } }), 'dv01');
    rejects(() => positionSensitivity({ ...base, convexity: Number.NaN }), 'convexity');
    const shift = factorShiftFromVector(new Float64Array(FACTOR_COUNT));
    rejects(() => revaluedPnl({ ...base, revalue: () => Number.NaN }, shift), 'revalue');
    const model = createScenarioPnlModel([base], 'DELTA_GAMMA');
    rejects(() => model.portfolioPnl({ count: 1, width: 2, values: new Float64Array(2) }), 'scenarios');
  });

  test('when a factor shift vector is short, then the missing factors do not move', () => {
    const shift = factorShiftFromVector([5]);
    expect(Object.values(shift)).toEqual([5, ...Array(FACTOR_COUNT - 1).fill(0)]);
  });

  test('when nothing is at risk, then the decomposition gives zero shares and no marginal VaR for a zero position', () => {
    const flat: RiskPosition = { id: 'flat', marketValue: 0, dv01: {} };
    const d = decomposeParametricVar([flat], identity(FACTOR_COUNT), options);
    expect(d.var).toBe(0);
    expect(d.byPosition).toEqual([
      { positionId: 'flat', componentVar: 0, componentEs: 0, marginalVar: null, percentOfVar: 0 },
    ]);
    expect(d.byFactor.every((f) => f.componentVar === 0)).toBe(true);
  });
});
