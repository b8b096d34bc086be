import type { ConfidenceLevel } from './confidence';
import type { ScenarioMatrix } from './factor-history';
import type { CholeskyOptions } from './matrix';
import type { RiskFactor } from './risk-factors';
import type { TailRisk } from './tail-risk';

export type VarMethod = 'HISTORICAL_SIMULATION' | 'PARAMETRIC' | 'MONTE_CARLO';

/**
 * How a scenario becomes a P&L: the caller's `revalue` (positions without one fall back to their
 * delta-gamma model), or the second-order DV01 and convexity model for every position.
 */
export type Revaluation = 'FULL_REVALUATION' | 'DELTA_GAMMA';

/**
 * DELTA_NORMAL: loss = delta . x, x ~ N(0, h Sigma). DELTA_GAMMA_CORNISH_FISHER: the exact first four
 * cumulants of the quadratic P&L under the same normal x, turned into a quantile by Cornish-Fisher.
 */
export type ParametricModel = 'DELTA_NORMAL' | 'DELTA_GAMMA_CORNISH_FISHER';

export interface VarOptions {
  readonly confidence: ConfidenceLevel;
  /** Trading days; 1 unless given. */
  readonly horizonDays?: number;
}

export interface HistoricalVarOptions extends VarOptions {
  readonly revaluation?: Revaluation;
}

export interface MonteCarloVarOptions extends VarOptions {
  readonly revaluation?: Revaluation;
  readonly paths: number;
  /** Seeds xoshiro128**; the same seed gives the same scenarios and the same answer. */
  readonly seed: number;
  readonly cholesky?: CholeskyOptions;
}

export interface ParametricVarOptions extends VarOptions {
  readonly model?: ParametricModel;
}

/** Result of a scenario method (historical or Monte Carlo): the tail plus what produced it. */
export interface ScenarioVarResult {
  readonly method: 'HISTORICAL_SIMULATION' | 'MONTE_CARLO';
  readonly revaluation: Revaluation;
  readonly horizonDays: number;
  readonly var: number;
  readonly es: number;
  readonly tail: TailRisk;
  /** Portfolio P&L per scenario, in rupees. */
  readonly pnl: Float64Array;
  /** Factor moves per scenario, in bp, already at the horizon. */
  readonly scenarios: ScenarioMatrix;
}

export interface ParametricVarResult {
  readonly method: 'PARAMETRIC';
  readonly model: ParametricModel;
  readonly horizonDays: number;
  readonly var: number;
  readonly es: number;
  /** Moments of the horizon loss: mean, standard deviation, skewness, excess kurtosis. */
  readonly mean: number;
  readonly standardDeviation: number;
  readonly skewness: number;
  readonly excessKurtosis: number;
}

export interface PositionRiskContribution {
  readonly positionId: string;
  /** Euler component: the position's share of VaR; the components sum to the total. */
  readonly componentVar: number;
  readonly componentEs: number;
  /** dVaR / d(market value): VaR added per rupee more of the same holding (null for a zero value). */
  readonly marginalVar: number | null;
  readonly percentOfVar: number;
}

/** NONLINEAR takes what the factor deltas do not explain (gamma, or full revaluation's remainder). */
export type RiskBucket = RiskFactor | 'NONLINEAR';

export interface FactorRiskContribution {
  readonly factor: RiskBucket;
  readonly componentVar: number;
  readonly componentEs: number;
}

export interface VarDecomposition {
  readonly var: number;
  readonly es: number;
  readonly byPosition: readonly PositionRiskContribution[];
  readonly byFactor: readonly FactorRiskContribution[];
}
