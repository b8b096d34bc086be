import { InvalidRiskInputError } from './errors';
import type { ScenarioMatrix } from './factor-history';
import { horizonDays } from './horizon';
import { choleskyFlat, toSymmetricFlat, type Matrix } from './matrix';
import type { RiskPosition } from './position';
import { boxMullerNormals, xoshiro128StarStar } from './random';
import { FACTOR_COUNT } from './risk-factors';
import { scenarioVar } from './scenario-var';
import type { MonteCarloVarOptions, ScenarioVarResult } from './var-types';

/**
 * Monte Carlo VaR: x = sqrt(h) L z with L L' = the daily factor covariance (bp^2) and z standard
 * normal from a seeded xoshiro128** and Box-Muller; then the same revaluation and tail convention
 * as historical simulation.
 */
export function monteCarloVar(
  positions: readonly RiskPosition[],
  dailyCovariance: Matrix,
  options: MonteCarloVarOptions,
): ScenarioVarResult {
  const scenarios = correlatedNormalScenarios(dailyCovariance, options);
  return scenarioVar('MONTE_CARLO', positions, scenarios, options);
}

export function correlatedNormalScenarios(
  dailyCovariance: Matrix,
  options: MonteCarloVarOptions,
): ScenarioMatrix {
  const n = FACTOR_COUNT;
  if (dailyCovariance.length !== n) {
    throw new InvalidRiskInputError(`covariance must be ${n} x ${n} over RISK_FACTORS`, 'covariance');
  }
  if (!Number.isInteger(options.paths) || options.paths < 1) {
    throw new InvalidRiskInputError(`paths must be a positive integer, got ${options.paths}`, 'paths');
  }
  const lower = choleskyFlat(toSymmetricFlat(dailyCovariance, 'covariance'), n, options.cholesky);
  const scale = Math.sqrt(horizonDays(options.horizonDays));
  const normal = boxMullerNormals(xoshiro128StarStar(options.seed));
  const values = new Float64Array(options.paths * n);
  const z = new Float64Array(n);
  for (let p = 0; p < options.paths; p++) {
    for (let i = 0; i < n; i++) z[i] = normal();
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += (lower[i * n + j] as number) * (z[j] as number);
      values[p * n + i] = scale * sum;
    }
  }
  return { count: options.paths, width: n, values };
}
