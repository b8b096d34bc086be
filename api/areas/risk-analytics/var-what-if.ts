import { roundHalfUp } from '../../../domain/bonds';
import {
  covarianceFromCorrelation,
  deltaNormalVar,
  inverseNormalCdf,
  tailRiskFromPnl,
} from '../../../domain/risk';
import { problems } from '../../http/problem';
import { withAnalyticsErrors } from './analytics-problem';
import { parametricInputErrors, type ParametricVarBody, type VarWhatIfBody } from './var-request';
import { VAR_METHODS } from './var-method-catalogue';

/** VaR, ES and the standard deviation are answered to 6 decimals (half-up) in the caller's unit. */
export const VAR_DECIMALS = 6;
const rounded = (value: number): number => Number(roundHalfUp(value, VAR_DECIMALS));

/** What-if VaR and ES of caller-supplied numbers, with the domain's conventions. */
export function whatIfVar(body: VarWhatIfBody) {
  return body.method === 'HISTORICAL_SIMULATION'
    ? historical(body.pnl, body.confidence_level)
    : parametric(body);
}

function historical(pnl: number[], confidence: string) {
  const tail = withAnalyticsErrors(() => tailRiskFromPnl(pnl, confidence), { scenarios: 'pnl' });
  return {
    method: 'HISTORICAL_SIMULATION' as const,
    confidence_level: Number(confidence),
    var: rounded(tail.var),
    expected_shortfall: rounded(tail.es),
    observations: tail.scenarioCount,
    var_rank: tail.rank,
    tail_weight: tail.tailWeight,
    var_observation_index: tail.varScenario,
    conventions: VAR_METHODS.HISTORICAL_SIMULATION.conventions,
  };
}

function parametric(body: ParametricVarBody) {
  const errors = parametricInputErrors(body);
  if (errors.length) throw problems.validation(errors);
  const covariance = covarianceFromCorrelation(body.volatilities, body.correlations);
  const result = withAnalyticsErrors(
    () =>
      deltaNormalVar(
        body.exposures.map((e) => -e),
        covariance,
        { confidence: body.confidence_level, horizonDays: body.time_horizon },
      ),
    { covariance: 'correlations' },
  );
  return {
    method: 'PARAMETRIC' as const,
    model: result.model,
    confidence_level: Number(body.confidence_level),
    time_horizon: result.horizonDays,
    var: rounded(result.var),
    expected_shortfall: rounded(result.es),
    assets: body.exposures.length,
    standard_deviation: rounded(result.standardDeviation),
    z: inverseNormalCdf(Number(body.confidence_level)),
    conventions: VAR_METHODS.PARAMETRIC.conventions,
  };
}
