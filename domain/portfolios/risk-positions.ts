import { bondMetrics } from '../bonds/bond-metrics';
import { daysBetween, parseCivilDate, type CivilDate } from '../bonds/civil-date';
import { InvalidRiskInputError } from '../risk/errors';
import type { RiskPosition } from '../risk/position';
import { KEY_RATE_TENOR_YEARS, KEY_RATE_TENORS, type KeyRateTenor } from '../risk/risk-factors';

/** One holding as the risk run sees it: bond terms as numbers, the yield that prices it (null: none). */
export interface RiskHolding {
  /** The bond's short code (or ISIN); becomes the RiskPosition id. */
  readonly bondId: string;
  /** Rupees of face value; negative for a short. */
  readonly quantity: number;
  readonly couponPct: number;
  readonly maturityDate: string;
  /** Coupons per year; 0 for a zero-coupon bill. */
  readonly frequency: number;
  readonly dayCount: string;
  readonly issuer?: string;
  /** The bond's reference yield in percent; null when it has none (the holding is then unpriced). */
  readonly yieldPct: number | null;
}

export interface UnpricedHolding {
  readonly bond_id: string;
  readonly reason: string;
}

export interface PricedHolding {
  readonly bondId: string;
  readonly dirtyPrice: number;
  readonly modifiedDuration: number;
  readonly convexity: number;
  readonly yearsToMaturity: number;
}

export interface RiskPositionMapping {
  readonly positions: RiskPosition[];
  readonly priced: PricedHolding[];
  readonly unpriced: UnpricedHolding[];
}

/**
 * Linear key-rate weights of a maturity in years over 1Y 2Y 5Y 10Y 30Y: all on the nearest end
 * outside the range, else split between the two neighbouring key rates (7y: 3/5 on 5Y, 2/5 on 10Y).
 */
export function keyRateWeights(years: number): Partial<Record<KeyRateTenor, number>> {
  const first = KEY_RATE_TENORS[0];
  const last = KEY_RATE_TENORS[KEY_RATE_TENORS.length - 1]!;
  if (years <= KEY_RATE_TENOR_YEARS[first]) return { [first]: 1 };
  if (years >= KEY_RATE_TENOR_YEARS[last]) return { [last]: 1 };
  for (let i = 1; i < KEY_RATE_TENORS.length; i++) {
    const lo = KEY_RATE_TENORS[i - 1]!;
    const hi = KEY_RATE_TENORS[i]!;
    const a = KEY_RATE_TENOR_YEARS[lo];
    const b = KEY_RATE_TENOR_YEARS[hi];
    if (years <= b) {
      const w = (years - a) / (b - a);
      return w === 1 ? { [hi]: 1 } : w === 0 ? { [lo]: 1 } : { [lo]: 1 - w, [hi]: w };
    }
  }
  return { [last]: 1 };
}

/** Calendar years from settlement to maturity: whole months / 12, plus the odd days over 365.25. */
export function yearsBetween(from: CivilDate, to: CivilDate): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  return months / 12 + (to.day - from.day) / 365.25;
}

/**
 * Holdings -> RiskPositions at a settlement date: market value = quantity x dirty price / 100 (the
 * price at the holding's yield), DV01 = market value x modified duration / 10^4 split over the key
 * rates by `keyRateWeights`, and convexity. A holding with no yield or already matured is listed
 * as unpriced, never dropped silently.
 */
export function toRiskPositions(
  holdings: readonly RiskHolding[],
  settlementDate: string,
): RiskPositionMapping {
  const settlement = parseCivilDate(settlementDate, 'settlement_date');
  const positions: RiskPosition[] = [];
  const priced: PricedHolding[] = [];
  const unpriced: UnpricedHolding[] = [];
  for (const h of holdings) {
    if (h.yieldPct === null || !Number.isFinite(h.yieldPct)) {
      unpriced.push({ bond_id: h.bondId, reason: 'no reference yield' });
      continue;
    }
    if (!Number.isFinite(h.quantity)) {
      throw new InvalidRiskInputError(`quantity of ${h.bondId} is not finite`, 'positions');
    }
    const maturity = parseCivilDate(h.maturityDate, 'maturity_date');
    const days = daysBetween(settlement, maturity);
    if (days <= 0) {
      unpriced.push({ bond_id: h.bondId, reason: `matured on ${h.maturityDate}` });
      continue;
    }
    const measures =
      h.frequency === 0 ? zeroCouponMeasures(h.yieldPct, days) : couponMeasures(h, settlementDate);
    const years = yearsBetween(settlement, maturity);
    const marketValue = (h.quantity * measures.dirtyPrice) / 100;
    const dv01Total = (marketValue * measures.modifiedDuration) / 1e4;
    const dv01: Partial<Record<KeyRateTenor, number>> = {};
    for (const [tenor, w] of Object.entries(keyRateWeights(years)) as [KeyRateTenor, number][]) {
      dv01[tenor] = dv01Total * w;
    }
    positions.push({
      id: h.bondId,
      marketValue,
      dv01,
      convexity: measures.convexity,
      ...(h.issuer === undefined ? {} : { issuer: h.issuer }),
    });
    priced.push({ bondId: h.bondId, ...measures, yearsToMaturity: years });
  }
  return { positions, priced, unpriced };
}

interface Measures {
  readonly dirtyPrice: number;
  readonly modifiedDuration: number;
  readonly convexity: number;
}

function couponMeasures(h: RiskHolding, settlementDate: string): Measures {
  const m = bondMetrics({
    coupon_pct: h.couponPct,
    maturity_date: h.maturityDate,
    settlement_date: settlementDate,
    frequency: h.frequency,
    day_count: h.dayCount,
    face_value: 100,
    yield_pct: h.yieldPct as number,
  });
  return { dirtyPrice: m.dirty_price, modifiedDuration: m.modified_duration, convexity: m.convexity };
}

/** A discount instrument on a 365-day simple-yield basis (Indian T-bills): P = 100 / (1 + y t). */
function zeroCouponMeasures(yieldPct: number, days: number): Measures {
  const t = days / 365;
  const growth = 1 + (yieldPct / 100) * t;
  if (!(growth > 0)) throw new InvalidRiskInputError(`yield ${yieldPct}% gives no price`, 'positions');
  return {
    dirtyPrice: 100 / growth,
    modifiedDuration: t / growth,
    convexity: (2 * t * t) / (growth * growth),
  };
}
