import { overlappingHorizonChanges, toScenarioMatrix, type FactorHistory } from './factor-history';
import type { RiskPosition } from './position';
import { scenarioVar } from './scenario-var';
import type { TailRisk } from './tail-risk';
import { tailRiskFromPnl } from './tail-statistics';
import type { HistoricalVarOptions, ScenarioVarResult, VarOptions } from './var-types';

/** Historical VaR and ES of a P&L vector taken as it is (one scenario per entry, already at the horizon). */
export function historicalVarFromPnl(
  pnl: ArrayLike<number>,
  options: Pick<VarOptions, 'confidence'>,
): TailRisk {
  return tailRiskFromPnl(pnl, options.confidence);
}

/**
 * Historical simulation over daily factor changes (bp, RISK_FACTORS columns, oldest first): each
 * overlapping h-day change is applied to today's portfolio.
 */
export function historicalVar(
  positions: readonly RiskPosition[],
  dailyChanges: FactorHistory,
  options: HistoricalVarOptions,
): ScenarioVarResult {
  const scenarios = overlappingHorizonChanges(toScenarioMatrix(dailyChanges), options.horizonDays ?? 1);
  return scenarioVar('HISTORICAL_SIMULATION', positions, scenarios, options);
}
