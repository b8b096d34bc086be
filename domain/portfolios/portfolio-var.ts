import { InvalidRiskInputError } from '../risk/errors';
import { historicalVar } from '../risk/historical-var';
import { monteCarloVar } from '../risk/monte-carlo-var';
import { parametricVar } from '../risk/parametric-var';
import {
  portfolioConvexity,
  portfolioDuration,
  portfolioDv01,
  portfolioMarketValue,
} from '../risk/portfolio-aggregates';
import { sampleCovariance } from '../risk/covariance';
import type { Revaluation, VarMethod } from '../risk/var-types';
import type { RiskPosition } from '../risk/position';
import { KEY_RATE_TENORS } from '../risk/risk-factors';
import type { UnpricedHolding } from './risk-positions';

export const DEFAULT_SIMULATIONS = 10_000;
export const DEFAULT_SEED = 1;

export interface PortfolioVarInput {
  readonly method: VarMethod;
  /** A fraction as exact text, e.g. '0.95'. */
  readonly confidenceLevel: string;
  readonly timeHorizon: number;
  /** Scenario methods only; FULL_REVALUATION unless given. */
  readonly revaluation?: Revaluation;
  readonly simulations?: number;
  readonly seed?: number;
}

/** What a risk run stores: rupees for money-like figures, years for duration, years^2 for convexity. */
export interface PortfolioRiskResult {
  /** How scenarios were turned into P&L; null for PARAMETRIC (delta-normal). */
  readonly revaluation: Revaluation | null;
  readonly var: number;
  readonly expected_shortfall: number;
  /** Standard deviation of the horizon P&L in rupees. */
  readonly volatility: number;
  readonly market_value: number;
  readonly dv01: number;
  readonly dv01_by_factor: Record<string, number>;
  readonly modified_duration: number;
  readonly convexity: number;
  readonly unpriced_positions: UnpricedHolding[];
  readonly priced_positions: number;
  readonly factor_count: number;
  /** Scenarios (historical: overlapping h-day changes; Monte Carlo: paths) or, for PARAMETRIC, history days. */
  readonly observations: number;
  readonly as_of: string;
  readonly history_from: string | null;
  readonly history_to: string | null;
}

export interface PortfolioVarContext {
  readonly positions: readonly RiskPosition[];
  readonly unpriced: readonly UnpricedHolding[];
  /** Daily factor changes in bp over RISK_FACTORS, oldest first. */
  readonly history: ReadonlyArray<ReadonlyArray<number>>;
  readonly historyDates: readonly string[];
  readonly asOf: string;
}

function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (values[i] as number) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ((values[i] as number) - mean) ** 2;
  return Math.sqrt(sum / (n - 1));
}

/**
 * VaR and ES of today's positions over the key-rate history: HISTORICAL_SIMULATION (overlapping
 * h-day changes), PARAMETRIC (delta-normal on the sample covariance, sqrt(h)) or MONTE_CARLO (seeded
 * normal paths on the same covariance); the scenario methods reprice each position in full unless
 * DELTA_GAMMA is asked for.
 */
export function portfolioVar(input: PortfolioVarInput, ctx: PortfolioVarContext): PortfolioRiskResult {
  const { positions } = ctx;
  if (positions.length === 0) {
    throw new InvalidRiskInputError('the portfolio has no priced positions', 'positions');
  }
  if (ctx.history.length < 2) {
    throw new InvalidRiskInputError(
      `need at least two days of curve history, got ${ctx.history.length}`,
      'lookback_days',
    );
  }
  const options = { confidence: input.confidenceLevel, horizonDays: input.timeHorizon };
  let var_: number;
  let es: number;
  let volatility: number;
  let observations: number;
  const revaluation = input.revaluation ?? 'FULL_REVALUATION';
  if (input.method === 'PARAMETRIC') {
    const r = parametricVar(positions, sampleCovariance(ctx.history), { ...options, model: 'DELTA_NORMAL' });
    var_ = r.var;
    es = r.es;
    volatility = r.standardDeviation;
    observations = ctx.history.length;
  } else {
    const r =
      input.method === 'HISTORICAL_SIMULATION'
        ? historicalVar(positions, ctx.history, { ...options, revaluation })
        : monteCarloVar(positions, sampleCovariance(ctx.history), {
            ...options,
            revaluation,
            paths: input.simulations ?? DEFAULT_SIMULATIONS,
            seed: input.seed ?? DEFAULT_SEED,
          });
    var_ = r.var;
    es = r.es;
    volatility = standardDeviation(r.pnl);
    observations = r.scenarios.count;
  }
  const dv01ByFactor: Record<string, number> = {};
  for (const tenor of KEY_RATE_TENORS) {
    dv01ByFactor[tenor] = positions.reduce((sum, p) => sum + (p.dv01[tenor] ?? 0), 0);
  }
  return {
    revaluation: input.method === 'PARAMETRIC' ? null : revaluation,
    var: var_,
    expected_shortfall: es,
    volatility,
    market_value: portfolioMarketValue(positions),
    dv01: portfolioDv01(positions),
    dv01_by_factor: dv01ByFactor,
    modified_duration: portfolioDuration(positions),
    convexity: portfolioConvexity(positions),
    unpriced_positions: [...ctx.unpriced],
    priced_positions: positions.length,
    factor_count: KEY_RATE_TENORS.length,
    observations,
    as_of: ctx.asOf,
    history_from: ctx.historyDates[0] ?? null,
    history_to: ctx.historyDates[ctx.historyDates.length - 1] ?? null,
  };
}
