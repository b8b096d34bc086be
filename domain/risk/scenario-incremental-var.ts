import type { IncrementalVar } from './incremental-var';
import type { RiskPosition } from './position';
import { createScenarioPnlModel } from './scenario-pnl';
import { tailRiskFromPnl } from './tail-statistics';
import type { ScenarioVarResult } from './var-types';

/**
 * Incremental VaR on the scenarios a historical or Monte Carlo result already has: each position's
 * own P&L per scenario is taken out of the portfolio P&L and the tail read again, so every
 * difference is measured on the same scenarios (no resampling noise) at one revaluation per
 * position and scenario rather than N + 1 whole runs.
 */
export function scenarioIncrementalVar(
  positions: readonly RiskPosition[],
  result: ScenarioVarResult,
): IncrementalVar[] {
  const model = createScenarioPnlModel(positions, result.revaluation);
  const { scenarios, pnl, tail } = result;
  const without = new Float64Array(scenarios.count);
  return positions.map((position, i) => {
    for (let s = 0; s < scenarios.count; s++) {
      without[s] = (pnl[s] as number) - model.positionPnl(i, scenarios, s);
    }
    return {
      positionId: position.id,
      incrementalVar: result.var - tailRiskFromPnl(without, tail.confidence).var,
    };
  });
}
