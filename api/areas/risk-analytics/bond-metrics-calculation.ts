import { bondMetrics, ExactDecimal, roundHalfUp, type BondMetrics } from '../../../domain/bonds';
import { fixedDecimal } from '../../http/decimal-json';
import { withAnalyticsErrors } from './analytics-problem';
import type { ResolvedBondMetricsInput } from './bond-metrics-request';
import { BOND_METRICS } from './metric-catalogue';
import { treasuryBillMetrics } from './treasury-bill-metrics';

export const PRICING_CONVENTIONS = {
  STREET_COMPOUNDED:
    'Fixed-rate bullet redeemed at par: cash flows discounted at y/f per period, the first over the ' +
    'unexpired fraction of the coupon period; accrued interest by the day count.',
  T_BILL_SIMPLE_365:
    'Zero-coupon T-bill (frequency 0), RBI convention: P = 100 / (1 + y/100 x D/365), D actual days ' +
    'from settlement to maturity (at most 365); no accrued interest.',
} as const;
export type PricingConvention = keyof typeof PRICING_CONVENTIONS;

const round = (metric: keyof BondMetrics, value: number): string =>
  roundHalfUp(value, BOND_METRICS[metric].decimals);

/** Metrics of the resolved bond, rounded half-up as BOND_METRICS says; dirty = rounded clean + rounded accrued. */
export function calculateBondMetrics(input: ResolvedBondMetricsInput) {
  const convention: PricingConvention = input.frequency === 0 ? 'T_BILL_SIMPLE_365' : 'STREET_COMPOUNDED';
  const quote =
    input.clean_price !== null
      ? { clean_price: Number(input.clean_price) }
      : { yield_pct: Number(input.yield_pct) };
  const raw = withAnalyticsErrors(
    () =>
      convention === 'T_BILL_SIMPLE_365'
        ? treasuryBillMetrics({
            maturity_date: input.maturity_date,
            settlement_date: input.settlement_date,
            ...quote,
          })
        : bondMetrics({
            coupon_pct: Number(input.coupon_pct),
            maturity_date: input.maturity_date,
            settlement_date: input.settlement_date,
            frequency: input.frequency,
            day_count: input.day_count,
            face_value: Number(input.face_value),
            ...quote,
          }),
    // The domain names its own intermediate quantities; the caller gave a clean price.
    { dirty_price: 'clean_price', price: 'clean_price', days: 'settlement_date' },
  );
  // A given quote is echoed exactly rather than passed through a float.
  const cleanPrice = input.clean_price ?? round('clean_price', raw.clean_price);
  const accrued = round('accrued_interest', raw.accrued_interest);
  return {
    clean_price: Number(cleanPrice),
    dirty_price: Number(
      new ExactDecimal(cleanPrice).plus(accrued).toFixed(BOND_METRICS.dirty_price.decimals),
    ),
    accrued_interest: Number(accrued),
    yield_pct: Number(input.yield_pct ?? round('yield_pct', raw.yield_pct)),
    macaulay_duration: Number(round('macaulay_duration', raw.macaulay_duration)),
    modified_duration: Number(round('modified_duration', raw.modified_duration)),
    convexity: Number(round('convexity', raw.convexity)),
    pv01: Number(round('pv01', raw.pv01)),
    solved_for: input.clean_price !== null ? ('yield_pct' as const) : ('clean_price' as const),
    convention,
    inputs: {
      bond_id: input.bond?.bond_id ?? null,
      isin: input.bond?.isin ?? null,
      name: input.bond?.name ?? null,
      coupon_pct: fixedDecimal(input.coupon_pct, 4),
      maturity_date: input.maturity_date,
      settlement_date: input.settlement_date,
      frequency: input.frequency,
      day_count: input.day_count,
      face_value: fixedDecimal(input.face_value, 2),
      clean_price: input.clean_price,
      yield_pct: input.yield_pct,
    },
    conventions: PRICING_CONVENTIONS[convention],
  };
}
