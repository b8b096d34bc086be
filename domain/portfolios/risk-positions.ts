import { bondMetrics } from '../bonds/bond-metrics';
import { parseBondTerms } from '../bonds/bond-terms';
import { settleBond } from '../bonds/bond-settlement';
import { daysBetween, parseCivilDate, type CivilDate } from '../bonds/civil-date';
import { dirtyPricer } from '../bonds/dirty-pricer';
import { InvalidRiskInputError } from '../risk/errors';
import { CREDIT_RATINGS, type CreditRating, type RiskPosition } from '../risk/position';
import {
  KEY_RATE_TENOR_YEARS,
  KEY_RATE_TENORS,
  type FactorShift,
  type KeyRateTenor,
} from '../risk/risk-factors';

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
  /** Agency rating as listed ('AA+', 'SOVEREIGN'); a rated non-sovereign bond carries spread risk. */
  readonly rating?: string | null;
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

/** An agency rating's letter bucket ('AA+' and 'AA-' are AA); undefined when it is none of them. */
export function creditRatingBucket(rating: string | null | undefined): CreditRating | undefined {
  if (rating == null) return undefined;
  const letters = rating.trim().toUpperCase().replace(/[+-]$/, '');
  return CREDIT_RATINGS.find((r) => r === letters);
}

/** Calendar years from settlement to maturity: whole months / 12, plus the odd days over 365.25. */
export function yearsBetween(from: CivilDate, to: CivilDate): number {
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  return months / 12 + (to.day - from.day) / 365.25;
}

/**
 * Holdings -> RiskPositions at a settlement date: market value = quantity x dirty price / 100 (the
 * price at the holding's yield), DV01 = market value x modified duration / 10^4 split over the key
 * rates by `keyRateWeights`, the same DV01 on SPREAD for rated non-sovereign paper, and convexity.
 * `revalue` reprices the bond in full: its yield moves by the curve change at its maturity (the
 * key-rate moves with the same weights) plus the spread move for credit, and the cash flows are
 * discounted again at that yield. A holding with no yield or already matured is listed as unpriced,
 * never dropped silently.
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
    const weights = Object.entries(keyRateWeights(years)) as [KeyRateTenor, number][];
    const rating = creditRatingBucket(h.rating);
    const credit = rating !== undefined && rating !== 'SOVEREIGN';
    const dv01: Partial<Record<KeyRateTenor | 'SPREAD', number>> = {};
    for (const [tenor, w] of weights) dv01[tenor] = dv01Total * w;
    if (credit) dv01.SPREAD = dv01Total;
    const priceAt =
      h.frequency === 0
        ? zeroCouponPricer(days)
        : dirtyPricer(settleBond(parseBondTerms(terms(h)), settlement));
    const yieldPct = h.yieldPct;
    const quantity = h.quantity;
    // At most two key rates carry a maturity (keyRateWeights): kept as scalars for the hot loop.
    const [lo, hi] = weights;
    const [loTenor, loWeight] = lo ?? ['1Y', 0];
    const [hiTenor, hiWeight] = hi ?? [loTenor, 0];
    positions.push({
      id: h.bondId,
      marketValue,
      dv01,
      convexity: measures.convexity,
      ...(h.issuer === undefined ? {} : { issuer: h.issuer }),
      ...(rating === undefined ? {} : { rating }),
      revalue: (shift: FactorShift) => {
        const moveBp = loWeight * shift[loTenor] + hiWeight * shift[hiTenor] + (credit ? shift.SPREAD : 0);
        return (quantity * priceAt(yieldPct + moveBp / 100)) / 100;
      },
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

const terms = (h: RiskHolding) => ({
  coupon_pct: h.couponPct,
  maturity_date: h.maturityDate,
  frequency: h.frequency,
  day_count: h.dayCount,
});

function couponMeasures(h: RiskHolding, settlementDate: string): Measures {
  const m = bondMetrics({
    ...terms(h),
    settlement_date: settlementDate,
    face_value: 100,
    yield_pct: h.yieldPct as number,
  });
  return { dirtyPrice: m.dirty_price, modifiedDuration: m.modified_duration, convexity: m.convexity };
}

/** A discount instrument on a 365-day simple-yield basis (Indian T-bills): P = 100 / (1 + y t). */
function zeroCouponPricer(days: number): (yieldPct: number) => number {
  const t = days / 365;
  return (yieldPct: number) => {
    const growth = 1 + (yieldPct / 100) * t;
    if (!(growth > 0)) throw new InvalidRiskInputError(`yield ${yieldPct}% gives no price`, 'positions');
    return 100 / growth;
  };
}

function zeroCouponMeasures(yieldPct: number, days: number): Measures {
  const t = days / 365;
  const dirtyPrice = zeroCouponPricer(days)(yieldPct);
  const growth = 100 / dirtyPrice;
  return {
    dirtyPrice,
    modifiedDuration: t / growth,
    convexity: (2 * t * t) / (growth * growth),
  };
}
