import { InvalidRiskInputError } from './errors';
import type { BreachSeverity, LimitBreach, LimitMetrics, RiskLimit } from './limit-types';

const DEFAULT_WARNING_RATIO = 0.9;
const DEFAULT_CRITICAL_RATIO = 1.25;

/**
 * Every limit at or above its warning level. Values are compared in absolute terms, so a short book's
 * negative DV01 or duration counts by its size. At the threshold itself a limit is used up, not broken:
 * WARNING up to and including it, BREACH above it, CRITICAL from criticalRatio x threshold.
 */
export function checkLimits(metrics: LimitMetrics, limits: readonly RiskLimit[]): LimitBreach[] {
  return limits.flatMap((limit) => {
    validate(limit);
    return measured(metrics, limit).flatMap(({ subject, value }) => {
      const utilization = Math.abs(value) / limit.threshold;
      const severity = severityOf(utilization, limit);
      if (severity === undefined) return [];
      const breach: LimitBreach = { limit, value, threshold: limit.threshold, utilization, severity };
      return [subject === undefined ? breach : { ...breach, subject }];
    });
  });
}

function measured(metrics: LimitMetrics, limit: RiskLimit): { subject?: string; value: number }[] {
  const single = (value: number | undefined): { value: number }[] => (value === undefined ? [] : [{ value }]);
  const perName = (
    values: Readonly<Record<string, number>> | undefined,
  ): { subject: string; value: number }[] =>
    Object.entries(values ?? {})
      .filter(([subject]) => limit.scope === undefined || limit.scope === subject)
      .map(([subject, value]) => ({ subject, value }));
  switch (limit.limitType) {
    case 'VAR':
      return single(metrics.var);
    case 'ES':
      return single(metrics.es);
    case 'DV01':
      return single(metrics.dv01);
    case 'DURATION':
      return single(metrics.duration);
    case 'ISSUER_CONCENTRATION_PCT':
      return perName(metrics.issuerConcentrationPct);
    case 'POSITION_SIZE':
      return perName(metrics.positionSizes);
  }
}

function severityOf(utilization: number, limit: RiskLimit): BreachSeverity | undefined {
  if (utilization >= (limit.criticalRatio ?? DEFAULT_CRITICAL_RATIO)) return 'CRITICAL';
  if (utilization > 1) return 'BREACH';
  if (utilization >= (limit.warningRatio ?? DEFAULT_WARNING_RATIO)) return 'WARNING';
  return undefined;
}

function validate(limit: RiskLimit): void {
  if (!(limit.threshold > 0) || !Number.isFinite(limit.threshold)) {
    throw new InvalidRiskInputError(
      `${limit.limitType} limit threshold must be a positive number`,
      'threshold',
    );
  }
  const warning = limit.warningRatio ?? DEFAULT_WARNING_RATIO;
  const critical = limit.criticalRatio ?? DEFAULT_CRITICAL_RATIO;
  if (!(warning > 0 && warning <= 1 && critical > 1)) {
    throw new InvalidRiskInputError(
      `${limit.limitType} limit needs 0 < warningRatio <= 1 < criticalRatio`,
      'warning_ratio',
    );
  }
}
