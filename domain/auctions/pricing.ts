import type { AuctionRules } from './auction-rules';
import { InvalidAuctionSpecError, PricingFunctionError } from './errors';
import { formatFixed4, PAR_UNITS, parseFixed4 } from './fixed-point';
import type { ClearingContext } from './types';

/** Prices and yields in 4-decimal units once the cut-off is known. */
export interface AuctionPricing {
  cutoffPrice: number;
  cutoffYield: number | null;
  coupon: number | null;
  /** Price a winning bid at this price or yield level pays. */
  pricePaidAt(valueUnits: number): number;
  /** Yield a winner at this level is charged, where the basis gives one. */
  yieldPaidAt(valueUnits: number): number | null;
  /** PRICE basis: the yield of a price through the injected yieldFromPrice, if any. */
  yieldAtPrice(priceUnits: number): number | null;
}

function fromBondMath(name: string, answer: unknown): number {
  const units = typeof answer === 'string' ? parseFixed4(answer) : null;
  if (units === null || units <= 0) {
    throw new PricingFunctionError(
      `${name} must answer a positive decimal with at most 4 places, got ${String(answer)}`,
    );
  }
  return units;
}

function pricingByPrice(rules: AuctionRules, context: ClearingContext, cutoff: number): AuctionPricing {
  const uniform = rules.pricingRule === 'UNIFORM';
  const { yieldFromPrice } = context;
  const yieldAtPrice = (price: number): number | null =>
    yieldFromPrice ? fromBondMath('yieldFromPrice', yieldFromPrice(formatFixed4(price))) : null;
  return {
    cutoffPrice: cutoff,
    cutoffYield: yieldAtPrice(cutoff),
    coupon: rules.couponUnits,
    pricePaidAt: (price) => (uniform ? cutoff : price),
    yieldPaidAt: () => null,
    yieldAtPrice,
  };
}

function pricingByYield(rules: AuctionRules, context: ClearingContext, cutoff: number): AuctionPricing {
  const { priceFromYield } = context;
  if (!priceFromYield) throw new PricingFunctionError('a YIELD-basis auction needs priceFromYield');
  // A new issue is sold at par: the cut-off yield becomes its coupon.
  const coupon = rules.newIssue ? cutoff : rules.couponUnits;
  if (coupon === null)
    throw new InvalidAuctionSpecError('couponPct', 'is needed to price a YIELD-basis re-issue');
  const couponText = formatFixed4(coupon);
  const cache = new Map<number, number>();
  const priceAt = (yieldUnits: number): number => {
    let price = cache.get(yieldUnits);
    if (price === undefined) {
      price = fromBondMath('priceFromYield', priceFromYield(formatFixed4(yieldUnits), couponText));
      cache.set(yieldUnits, price);
    }
    return price;
  };
  const cutoffPrice = rules.newIssue ? PAR_UNITS : priceAt(cutoff);
  const uniform = rules.pricingRule === 'UNIFORM';
  return {
    cutoffPrice,
    cutoffYield: cutoff,
    coupon,
    pricePaidAt: (y) => (uniform || y === cutoff ? cutoffPrice : priceAt(y)),
    yieldPaidAt: (y) => (uniform ? cutoff : y),
    yieldAtPrice: () => null,
  };
}

export function priceAuction(
  rules: AuctionRules,
  context: ClearingContext,
  cutoffValue: number,
): AuctionPricing {
  return rules.basis === 'PRICE'
    ? pricingByPrice(rules, context, cutoffValue)
    : pricingByYield(rules, context, cutoffValue);
}
