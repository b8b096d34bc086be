import type { ScenarioMatrix } from './factor-history';
import { horizonDays } from './horizon';
import type { RiskPosition } from './position';
import { FACTOR_COUNT, RISK_FACTORS } from './risk-factors';
import { createScenarioPnlModel } from './scenario-pnl';
import { portfolioSensitivity, positionSensitivity } from './sensitivities';
import { tailRiskFromPnl } from './tail-statistics';
import type {
  FactorRiskContribution,
  PositionRiskContribution,
  Revaluation,
  ScenarioVarResult,
  VarDecomposition,
  VarOptions,
} from './var-types';

/** The part historical simulation and Monte Carlo share: scenarios -> P&L -> the one tail convention. */
export function scenarioVar(
  method: ScenarioVarResult['method'],
  positions: readonly RiskPosition[],
  scenarios: ScenarioMatrix,
  options: VarOptions & { readonly revaluation?: Revaluation },
): ScenarioVarResult {
  const revaluation = options.revaluation ?? 'DELTA_GAMMA';
  const pnl = createScenarioPnlModel(positions, revaluation).portfolioPnl(scenarios);
  const tail = tailRiskFromPnl(pnl, options.confidence);
  return {
    method,
    revaluation,
    horizonDays: horizonDays(options.horizonDays),
    var: tail.var,
    es: tail.es,
    tail,
    pnl,
    scenarios,
  };
}

/**
 * Euler allocation on scenarios. VaR is the loss of one scenario (rank k), so a position's component
 * is its own loss in exactly that scenario: the components add up to VaR, and scaling a position by
 * (1 + e) moves VaR by e x its component as long as the rank-k scenario stays the same. We take the
 * single rank-k scenario rather than a kernel average around it so that the sum is exact; ES
 * components use the Acerbi-Tasche tail weights and add up to ES the same way. By factor, each
 * factor gets delta_f x move_f and NONLINEAR the rest of the scenario's loss.
 */
export function decomposeScenarioVar(
  positions: readonly RiskPosition[],
  result: ScenarioVarResult,
): VarDecomposition {
  const model = createScenarioPnlModel(positions, result.revaluation);
  const { tail, scenarios } = result;
  const lossIn = (i: number, scenario: number): number => -model.positionPnl(i, scenarios, scenario);

  const byPosition: PositionRiskContribution[] = positions.map((position, i) => {
    const componentVar = lossIn(i, tail.varScenario);
    const componentEs = tail.tail.reduce((sum, t) => sum + t.weight * lossIn(i, t.scenario), 0);
    return {
      positionId: position.id,
      componentVar,
      componentEs,
      marginalVar: position.marketValue === 0 ? null : componentVar / position.marketValue,
      percentOfVar: result.var === 0 ? 0 : (100 * componentVar) / result.var,
    };
  });

  const delta = portfolioSensitivity(positions.map(positionSensitivity)).delta;
  const factorLoss = (f: number, scenario: number): number =>
    (delta[f] as number) * (scenarios.values[scenario * FACTOR_COUNT + f] as number);
  const byFactor: FactorRiskContribution[] = RISK_FACTORS.map((factor, f) => ({
    factor,
    componentVar: factorLoss(f, tail.varScenario),
    componentEs: tail.tail.reduce((sum, t) => sum + t.weight * factorLoss(f, t.scenario), 0),
  }));
  const explainedVar = byFactor.reduce((sum, c) => sum + c.componentVar, 0);
  const explainedEs = byFactor.reduce((sum, c) => sum + c.componentEs, 0);
  byFactor.push({
    factor: 'NONLINEAR',
    componentVar: result.var - explainedVar,
    componentEs: result.es - explainedEs,
  });

  return { var: result.var, es: result.es, byPosition, byFactor };
}
