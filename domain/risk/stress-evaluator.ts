import { InvalidRiskInputError } from './errors';
import type { RiskPosition } from './position';
import {
  factorShiftFromVector,
  FACTOR_COUNT,
  KEY_RATE_TENORS,
  RISK_FACTORS,
  type KeyRateTenor,
} from './risk-factors';
import { revaluedPnl } from './scenario-pnl';
import { positionDeltaGammaPnl, positionSensitivity, type PositionSensitivity } from './sensitivities';
import type { SpreadShockByRating, StressOptions, StressResult, StressScenario } from './stress-types';

const SPREAD_INDEX = RISK_FACTORS.indexOf('SPREAD');

export function evaluateStressScenarios(
  positions: readonly RiskPosition[],
  scenarios: readonly StressScenario[],
  options: StressOptions = {},
): StressResult[] {
  const sensitivities = positions.map(positionSensitivity);
  return scenarios.map((scenario) => evaluate(positions, sensitivities, scenario, options));
}

/** P&L of each position and of the portfolio under one scenario; a loss is negative. */
export function evaluateStressScenario(
  positions: readonly RiskPosition[],
  scenario: StressScenario,
  options: StressOptions = {},
): StressResult {
  return evaluate(positions, positions.map(positionSensitivity), scenario, options);
}

function evaluate(
  positions: readonly RiskPosition[],
  sensitivities: readonly PositionSensitivity[],
  scenario: StressScenario,
  options: StressOptions,
): StressResult {
  const { tenorShocks, spreads, haircutPct, multiplier } = scenarioTerms(scenario);
  const fullRevaluation = (options.revaluation ?? 'FULL_REVALUATION') === 'FULL_REVALUATION';

  const results = positions.map((position, i) => {
    const shift = new Float64Array(FACTOR_COUNT);
    KEY_RATE_TENORS.forEach((tenor, f) => {
      shift[f] = tenorShocks[tenor];
    });
    shift[SPREAD_INDEX] = position.rating === undefined ? 0 : (spreads[position.rating] ?? 0);
    const marketMove =
      fullRevaluation && position.revalue !== undefined
        ? revaluedPnl(position, factorShiftFromVector(shift))
        : positionDeltaGammaPnl(sensitivities[i] as PositionSensitivity, shift);
    return { positionId: position.id, pnl: marketMove - (haircutPct / 100) * Math.abs(position.marketValue) };
  });

  return {
    scenarioName: scenario.scenario_name,
    scenarioType: scenario.scenario_type,
    totalPnl: results.reduce((sum, r) => sum + r.pnl, 0),
    positions: results,
    stressedVar:
      options.baseVar === undefined || multiplier === undefined ? null : options.baseVar * multiplier,
  };
}

interface ScenarioTerms {
  readonly tenorShocks: Readonly<Record<KeyRateTenor, number>>;
  readonly spreads: SpreadShockByRating;
  readonly haircutPct: number;
  readonly multiplier: number | undefined;
}

function scenarioTerms(scenario: StressScenario): ScenarioTerms {
  const flat = (bp: number): Record<KeyRateTenor, number> => {
    const shocks = {} as Record<KeyRateTenor, number>;
    for (const tenor of KEY_RATE_TENORS) shocks[tenor] = bp;
    return shocks;
  };
  const multiplier = scenario.parameters.volatility_multiplier;
  const terms: ScenarioTerms = (() => {
    switch (scenario.scenario_type) {
      case 'INTEREST_RATE':
        return { tenorShocks: flat(scenario.parameters.rate_shock), spreads: {}, haircutPct: 0, multiplier };
      case 'CREDIT_SPREAD':
        return {
          tenorShocks: flat(0),
          spreads: scenario.parameters.spread_shock_by_rating,
          haircutPct: 0,
          multiplier,
        };
      case 'MARKET_CRASH':
        return {
          tenorShocks: flat(scenario.parameters.rate_shock),
          spreads: scenario.parameters.spread_shock_by_rating,
          haircutPct: scenario.parameters.liquidity_haircut_pct,
          multiplier,
        };
      case 'CUSTOM': {
        const given = scenario.parameters.tenor_shocks;
        const shocks = flat(0);
        for (const tenor of KEY_RATE_TENORS) shocks[tenor] = given[tenor] ?? 0;
        return {
          tenorShocks: shocks,
          spreads: scenario.parameters.spread_shock_by_rating ?? {},
          haircutPct: 0,
          multiplier,
        };
      }
    }
  })();
  const numbers = [
    ...Object.values(terms.tenorShocks),
    ...Object.values(terms.spreads),
    terms.haircutPct,
    terms.multiplier ?? 1,
  ];
  if (numbers.some((n) => typeof n !== 'number' || !Number.isFinite(n))) {
    throw new InvalidRiskInputError(
      `scenario ${scenario.scenario_name} has a non-finite shock`,
      'parameters',
    );
  }
  if (terms.multiplier !== undefined && terms.multiplier < 0) {
    throw new InvalidRiskInputError(
      `volatility_multiplier of ${scenario.scenario_name} is negative`,
      'volatility_multiplier',
    );
  }
  return terms;
}
