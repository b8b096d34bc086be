import { InvalidRiskInputError } from '../risk/errors';
import { portfolioMarketValue } from '../risk/portfolio-aggregates';
import { evaluateStressScenarios } from '../risk/stress-evaluator';
import type { StressScenario } from '../risk/stress-types';
import type { RiskPositionMapping, UnpricedHolding } from './risk-positions';

/** One scenario's outcome as stored and served: rupees, a loss negative. */
export interface PortfolioStressOutcome {
  readonly scenario: StressScenario;
  readonly market_value: number;
  readonly total_pnl: number;
  readonly base_var: number | null;
  /** base_var x volatility_multiplier, when both are known. */
  readonly stressed_var: number | null;
  readonly positions: { readonly bond_id: string; readonly pnl: number }[];
  readonly unpriced_positions: UnpricedHolding[];
}

/**
 * Applies scenarios to a mapped portfolio with full revaluation: every bond repriced at its yield
 * moved by the scenario's key-rate shocks at its maturity and its rating's spread shock, less any
 * liquidity haircut. `baseVar` (today's VaR, when a run exists) is what volatility multipliers scale.
 */
export function portfolioStress(
  mapping: RiskPositionMapping,
  scenarios: readonly StressScenario[],
  baseVar: number | null,
): PortfolioStressOutcome[] {
  if (mapping.positions.length === 0) {
    throw new InvalidRiskInputError('the portfolio has no priced positions', 'positions');
  }
  const marketValue = portfolioMarketValue(mapping.positions);
  const results = evaluateStressScenarios(mapping.positions, scenarios, {
    revaluation: 'FULL_REVALUATION',
    ...(baseVar === null ? {} : { baseVar }),
  });
  return results.map((r, i) => ({
    scenario: scenarios[i] as StressScenario,
    market_value: marketValue,
    total_pnl: r.totalPnl,
    base_var: baseVar,
    stressed_var: r.stressedVar,
    positions: r.positions.map((p) => ({ bond_id: p.positionId, pnl: p.pnl })),
    unpriced_positions: [...mapping.unpriced],
  }));
}
