import type { ScenarioMatrix } from './factor-history';
import type { RiskPosition } from './position';
import { factorShiftFromVector, FACTOR_COUNT, type FactorShift } from './risk-factors';
import {
  portfolioDeltaGammaPnl,
  portfolioSensitivity,
  positionDeltaGammaPnl,
  positionSensitivity,
  type PositionSensitivity,
} from './sensitivities';
import type { Revaluation } from './var-types';
import { InvalidRiskInputError } from './errors';

/** Turns factor scenarios into P&L, for the whole portfolio or one position. */
export interface ScenarioPnlModel {
  portfolioPnl(scenarios: ScenarioMatrix): Float64Array;
  positionPnl(position: number, scenarios: ScenarioMatrix, scenario: number): number;
}

export function createScenarioPnlModel(
  positions: readonly RiskPosition[],
  revaluation: Revaluation,
): ScenarioPnlModel {
  const sensitivities = positions.map(positionSensitivity);
  const usesRevalue = positions.map((p) => revaluation === 'FULL_REVALUATION' && p.revalue !== undefined);
  const revalued = positions.filter((_, i) => usesRevalue[i]);
  // Positions priced by their quadratic model are summed into one portfolio model: O(F^2) per scenario.
  const quadratic = portfolioSensitivity(sensitivities.filter((_, i) => !usesRevalue[i]));

  // Each scenario's shift object is built once and shared by every revalued position (and by the
  // per-position passes of decomposition and incremental VaR).
  const shiftCache = new WeakMap<ScenarioMatrix, FactorShift[]>();
  const shiftsOf = (scenarios: ScenarioMatrix): FactorShift[] => {
    let shifts = shiftCache.get(scenarios);
    if (shifts === undefined) {
      shifts = Array.from({ length: scenarios.count }, (_, s) =>
        factorShiftFromVector(scenarios.values, s * FACTOR_COUNT),
      );
      shiftCache.set(scenarios, shifts);
    }
    return shifts;
  };

  const positionPnl = (index: number, scenarios: ScenarioMatrix, scenario: number): number => {
    checkWidth(scenarios);
    const position = positions[index] as RiskPosition;
    if (usesRevalue[index]) return revaluedPnl(position, shiftsOf(scenarios)[scenario] as FactorShift);
    return positionDeltaGammaPnl(
      sensitivities[index] as PositionSensitivity,
      scenarios.values,
      scenario * FACTOR_COUNT,
    );
  };

  const portfolioPnl = (scenarios: ScenarioMatrix): Float64Array => {
    checkWidth(scenarios);
    const pnl = new Float64Array(scenarios.count);
    const shifts = revalued.length > 0 ? shiftsOf(scenarios) : [];
    for (let s = 0; s < scenarios.count; s++) {
      let total = portfolioDeltaGammaPnl(quadratic, scenarios.values, s * FACTOR_COUNT);
      if (revalued.length > 0) {
        const shift = shifts[s] as FactorShift;
        for (const position of revalued) total += revaluedPnl(position, shift);
      }
      pnl[s] = total;
    }
    return pnl;
  };

  return { portfolioPnl, positionPnl };
}

export function revaluedPnl(position: RiskPosition, shift: FactorShift): number {
  const value = (position.revalue as NonNullable<RiskPosition['revalue']>)(shift);
  if (!Number.isFinite(value)) {
    throw new InvalidRiskInputError(`revalue of ${position.id} returned a non-finite value`, 'revalue');
  }
  return value - position.marketValue;
}

function checkWidth(scenarios: ScenarioMatrix): void {
  if (scenarios.width !== FACTOR_COUNT) {
    throw new InvalidRiskInputError(
      `scenarios must have ${FACTOR_COUNT} factor columns, got ${scenarios.width}`,
      'scenarios',
    );
  }
}
