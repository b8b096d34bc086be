import type { LimitMetrics } from '../risk/limit-types';
import { issuerConcentrationPct } from '../risk/portfolio-aggregates';
import type { RiskPosition } from '../risk/position';
import type { PortfolioRiskResult } from './portfolio-var';

/** What a run's limits are checked against: its VaR, ES, DV01 and duration, and today's book by name. */
export function limitMetrics(result: PortfolioRiskResult, positions: readonly RiskPosition[]): LimitMetrics {
  const positionSizes: Record<string, number> = {};
  for (const p of positions) positionSizes[p.id] = (positionSizes[p.id] ?? 0) + p.marketValue;
  return {
    var: result.var,
    es: result.expected_shortfall,
    dv01: result.dv01,
    duration: result.modified_duration,
    issuerConcentrationPct: issuerConcentrationPct(positions),
    positionSizes,
  };
}
