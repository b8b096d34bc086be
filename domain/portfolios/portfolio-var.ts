import { InvalidRiskInputError } from '../risk/errors';
import { historicalVar } from '../risk/historical-var';
import { incrementalVar, type IncrementalVar } from '../risk/incremental-var';
import { monteCarloVar } from '../risk/monte-carlo-var';
import { decomposeParametricVar, parametricVar } from '../risk/parametric-var';
import { decomposeScenarioVar } from '../risk/scenario-var';
import { scenarioIncrementalVar } from '../risk/scenario-incremental-var';
import {
  portfolioConvexity,
  portfolioDuration,
  portfolioDv01,
  portfolioMarketValue,
} from '../risk/portfolio-aggregates';
import { sampleCovariance } from '../risk/covariance';
import type {
  ParametricVarResult,
  Revaluation,
  RiskBucket,
  ScenarioVarResult,
  VarMethod,
} from '../risk/var-types';
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

type Simulation =
  | { readonly kind: 'SCENARIO'; readonly scenario: ScenarioVarResult }
  | {
      readonly kind: 'PARAMETRIC';
      readonly parametric: ParametricVarResult;
      readonly covariance: number[][];
    };

function simulate(input: PortfolioVarInput, ctx: PortfolioVarContext): Simulation {
  if (ctx.positions.length === 0) {
    throw new InvalidRiskInputError('the portfolio has no priced positions', 'positions');
  }
  if (ctx.history.length < 2) {
    throw new InvalidRiskInputError(
      `need at least two days of curve history, got ${ctx.history.length}`,
      'lookback_days',
    );
  }
  const options = { confidence: input.confidenceLevel, horizonDays: input.timeHorizon };
  const revaluation = input.revaluation ?? 'FULL_REVALUATION';
  if (input.method === 'PARAMETRIC') {
    const covariance = sampleCovariance(ctx.history);
    return {
      kind: 'PARAMETRIC',
      covariance,
      parametric: parametricVar(ctx.positions, covariance, { ...options, model: 'DELTA_NORMAL' }),
    };
  }
  const scenario =
    input.method === 'HISTORICAL_SIMULATION'
      ? historicalVar(ctx.positions, ctx.history, { ...options, revaluation })
      : monteCarloVar(ctx.positions, sampleCovariance(ctx.history), {
          ...options,
          revaluation,
          paths: input.simulations ?? DEFAULT_SIMULATIONS,
          seed: input.seed ?? DEFAULT_SEED,
        });
  return { kind: 'SCENARIO', scenario };
}

function summarise(sim: Simulation, ctx: PortfolioVarContext): PortfolioRiskResult {
  const { positions } = ctx;
  const tail =
    sim.kind === 'PARAMETRIC'
      ? {
          revaluation: null,
          var: sim.parametric.var,
          es: sim.parametric.es,
          volatility: sim.parametric.standardDeviation,
          observations: ctx.history.length,
        }
      : {
          revaluation: sim.scenario.revaluation,
          var: sim.scenario.var,
          es: sim.scenario.es,
          volatility: standardDeviation(sim.scenario.pnl),
          observations: sim.scenario.scenarios.count,
        };
  const dv01ByFactor: Record<string, number> = {};
  for (const tenor of KEY_RATE_TENORS) {
    dv01ByFactor[tenor] = positions.reduce((sum, p) => sum + (p.dv01[tenor] ?? 0), 0);
  }
  return {
    revaluation: tail.revaluation,
    var: tail.var,
    expected_shortfall: tail.es,
    volatility: tail.volatility,
    market_value: portfolioMarketValue(positions),
    dv01: portfolioDv01(positions),
    dv01_by_factor: dv01ByFactor,
    modified_duration: portfolioDuration(positions),
    convexity: portfolioConvexity(positions),
    unpriced_positions: [...ctx.unpriced],
    priced_positions: positions.length,
    factor_count: KEY_RATE_TENORS.length,
    observations: tail.observations,
    as_of: ctx.asOf,
    history_from: ctx.historyDates[0] ?? null,
    history_to: ctx.historyDates[ctx.historyDates.length - 1] ?? null,
  };
}

/**
 * VaR and ES of today's positions over the key-rate history: HISTORICAL_SIMULATION (overlapping
 * h-day changes), PARAMETRIC (delta-normal on the sample covariance, sqrt(h)) or MONTE_CARLO (seeded
 * normal paths on the same covariance); the scenario methods reprice each position in full unless
 * DELTA_GAMMA is asked for.
 */
export function portfolioVar(input: PortfolioVarInput, ctx: PortfolioVarContext): PortfolioRiskResult {
  return summarise(simulate(input, ctx), ctx);
}

export interface PositionDecomposition {
  readonly bond_id: string;
  readonly market_value: number;
  /** Euler components: they sum to the portfolio VaR and ES. */
  readonly component_var: number;
  readonly component_es: number;
  /** VaR added per rupee more of the same holding (null for a zero value). */
  readonly marginal_var: number | null;
  /** VaR with the position minus VaR without it, on the same scenarios; negative for a hedge. */
  readonly incremental_var: number;
  readonly percent_of_var: number;
}

export interface FactorDecomposition {
  /** A key rate (1Y 2Y 5Y 10Y 30Y), SPREAD, or NONLINEAR (what the factor deltas do not explain). */
  readonly factor: RiskBucket;
  readonly component_var: number;
  readonly component_es: number;
  readonly percent_of_var: number;
}

export interface PortfolioDecomposition {
  readonly var: number;
  readonly expected_shortfall: number;
  readonly by_position: PositionDecomposition[];
  readonly by_factor: FactorDecomposition[];
}

export interface PortfolioRiskReport {
  readonly result: PortfolioRiskResult;
  readonly decomposition: PortfolioDecomposition;
}

/** `portfolioVar` plus its decomposition by position and by factor, from the same scenarios. */
export function portfolioRisk(input: PortfolioVarInput, ctx: PortfolioVarContext): PortfolioRiskReport {
  const sim = simulate(input, ctx);
  const { positions } = ctx;
  const options = { confidence: input.confidenceLevel, horizonDays: input.timeHorizon };
  const parts =
    sim.kind === 'PARAMETRIC'
      ? decomposeParametricVar(positions, sim.covariance, options)
      : decomposeScenarioVar(positions, sim.scenario);
  const incremental =
    sim.kind === 'PARAMETRIC'
      ? incrementalVar(positions, (subset) =>
          subset.length === 0 ? 0 : parametricVar(subset, sim.covariance, options).var,
        )
      : scenarioIncrementalVar(positions, sim.scenario);
  const percent = (value: number) => (parts.var === 0 ? 0 : (100 * value) / parts.var);
  return {
    result: summarise(sim, ctx),
    decomposition: {
      var: parts.var,
      expected_shortfall: parts.es,
      by_position: parts.byPosition.map((c, i) => ({
        bond_id: c.positionId,
        market_value: (positions[i] as RiskPosition).marketValue,
        component_var: c.componentVar,
        component_es: c.componentEs,
        marginal_var: c.marginalVar,
        incremental_var: (incremental[i] as IncrementalVar).incrementalVar,
        percent_of_var: c.percentOfVar,
      })),
      by_factor: parts.byFactor.map((c) => ({
        factor: c.factor,
        component_var: c.componentVar,
        component_es: c.componentEs,
        percent_of_var: percent(c.componentVar),
      })),
    },
  };
}
