import type { BondMetrics } from '../../../domain/bonds';
import {
  KEY_RATE_TENOR_YEARS,
  LIMIT_TYPES,
  RISK_FACTORS,
  RISKMETRICS_DAILY_LAMBDA,
  type KeyRateTenor,
  type LimitType,
} from '../../../domain/risk';

export interface MetricDefinition {
  readonly unit: string;
  readonly definition: string;
}

/**
 * Every field of the domain's BondMetrics, with its unit and the decimals the bond-metrics endpoint
 * rounds it to (half-up). Keyed by the domain type, so a metric added there fails to compile here.
 */
export const BOND_METRICS = {
  clean_price: {
    unit: 'per 100 of face value',
    decimals: 6,
    definition: 'Dirty price minus accrued interest.',
  },
  dirty_price: {
    unit: 'per 100 of face value',
    decimals: 6,
    definition: 'Present value of the remaining cash flows at the yield; clean price + accrued interest.',
  },
  accrued_interest: {
    unit: 'per 100 of face value',
    decimals: 6,
    definition: "Coupon x the day count's year fraction from the previous coupon date to settlement.",
  },
  yield_pct: {
    unit: 'percent a year',
    decimals: 6,
    definition:
      'Yield to maturity compounded at the coupon frequency (street convention); for a T-bill the RBI ' +
      '365-day simple yield (100 - P) / P x 365 / D x 100.',
  },
  macaulay_duration: {
    unit: 'years',
    decimals: 6,
    definition: 'Present-value-weighted average time to the cash flows.',
  },
  modified_duration: {
    unit: 'years',
    decimals: 6,
    definition:
      '-dP/dy / P: Macaulay / (1 + y/f) for a coupon bond; t / (1 + y t) with t = D/365 for a T-bill.',
  },
  convexity: { unit: 'years squared', decimals: 6, definition: 'd2P/dy2 / P.' },
  pv01: {
    unit: 'per 100 of face value',
    decimals: 8,
    definition: 'Price at (yield - 1 bp) minus price at yield: the gain for a one basis point fall.',
  },
} as const satisfies Record<keyof BondMetrics, MetricDefinition & { decimals: number }>;

/** Portfolio measures, one per limit type the risk engine checks. */
export const PORTFOLIO_METRICS = {
  VAR: {
    unit: 'rupees',
    definition:
      'Value at Risk: the loss not exceeded with probability confidence_level over the horizon; see var-methods.',
  },
  ES: {
    unit: 'rupees',
    definition: 'Expected shortfall: the average loss beyond VaR (Acerbi-Tasche for scenario methods).',
  },
  DV01: {
    unit: 'rupees per bp',
    definition: 'Rupees lost for a 1 bp parallel rise of every key rate (spread DV01 is reported apart).',
  },
  DURATION: {
    unit: 'years',
    definition: 'Value-weighted modified duration: portfolio DV01 x 10^4 / portfolio market value.',
  },
  ISSUER_CONCENTRATION_PCT: {
    unit: 'percent',
    definition: "One issuer's share of the portfolio's market value.",
  },
  POSITION_SIZE: { unit: 'rupees', definition: 'Dirty market value of one position (negative for a short).' },
} as const satisfies Record<LimitType, MetricDefinition>;

const tenorYears = (factor: string): number | null =>
  factor in KEY_RATE_TENOR_YEARS ? KEY_RATE_TENOR_YEARS[factor as KeyRateTenor] : null;

/** The GET /risk-metrics answer, built from the domain's lists. */
export function riskMetricCatalogue() {
  return {
    bond_metrics: Object.entries(BOND_METRICS).map(([metric, d]) => ({
      metric,
      unit: d.unit,
      decimals: d.decimals,
      definition: d.definition,
    })),
    portfolio_metrics: LIMIT_TYPES.map((metric) => ({ metric, ...PORTFOLIO_METRICS[metric] })),
    risk_factors: RISK_FACTORS.map((factor) => ({
      factor,
      unit: 'bp',
      tenor_years: tenorYears(factor),
      definition:
        factor === 'SPREAD'
          ? 'Credit spread over the sovereign curve.'
          : `Key rate at ${factor} on the yield curve.`,
    })),
    ewma_lambda: RISKMETRICS_DAILY_LAMBDA,
  };
}
