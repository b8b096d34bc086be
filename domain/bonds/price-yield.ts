import { type BondSettlement, settleBond } from './bond-settlement';
import type { CivilDate } from './civil-date';
import { InvalidBondInputError, NonPositivePriceError, YieldNotFoundError } from './errors';
import { roundHalfUp } from './rounding';
import type { BondTerms } from './types';
import { solveYield } from './yield-solver';

/** Sums over the cash flows at one yield, enough for the price and its first two derivatives. */
export interface DiscountedSums {
  readonly dirtyPrice: number;
  /** 1 / (1 + y/f): the one-period discount factor. */
  readonly periodDiscount: number;
  /** Sum of amount x t x v^t, t in periods. */
  readonly timeWeighted: number;
  /** Sum of amount x t x (t + 1) x v^t. */
  readonly convexityWeighted: number;
}

const PRICE_TOLERANCE = 1e-10;
const YIELD_CEILING_PCT = 1e6;

export function discountedSums(bond: BondSettlement, yieldPct: number): DiscountedSums {
  const base = 1 + yieldPct / 100 / bond.frequency;
  if (!Number.isFinite(yieldPct) || !(base > 0)) {
    throw new InvalidBondInputError(
      `yield must be a number above ${-100 * bond.frequency}%, got ${yieldPct}`,
      'yield_pct',
    );
  }
  let dirtyPrice = 0;
  let timeWeighted = 0;
  let convexityWeighted = 0;
  for (const { amount, periods } of bond.cashFlows) {
    // A zero-coupon bond's empty coupons would make 0 x Infinity = NaN near the yield floor.
    if (amount === 0) continue;
    const pv = amount * base ** -periods;
    dirtyPrice += pv;
    timeWeighted += pv * periods;
    convexityWeighted += pv * periods * (periods + 1);
  }
  return { dirtyPrice, periodDiscount: 1 / base, timeWeighted, convexityWeighted };
}

export function dirtyPriceAtYield(bond: BondSettlement, yieldPct: number): number {
  return discountedSums(bond, yieldPct).dirtyPrice;
}

/** The yield (percent, compounded f times a year) that discounts the cash flows to `dirtyPrice`. */
export function yieldAtDirtyPrice(bond: BondSettlement, dirtyPrice: number): number {
  assertPositivePrice(dirtyPrice, 'dirty_price');
  const f = bond.frequency;
  // 30/360 counts the 30th and the 31st as one day, so a bond settling on the 30th for a last coupon on the
  // 31st has no time left: every yield gives the same price.
  if (!((bond.cashFlows[bond.cashFlows.length - 1]?.periods ?? 0) > 0)) {
    throw new YieldNotFoundError(
      'no day-count time is left to maturity, so the price does not depend on the yield',
      'settlement_date',
    );
  }
  const curve = (yieldPct: number) => {
    const sums = discountedSums(bond, yieldPct);
    // dP/dy per percentage point: -(1/f) v sum(a t v^t) / 100.
    return { price: sums.dirtyPrice, slope: (-sums.periodDiscount * sums.timeWeighted) / f / 100 };
  };
  return solveYield(curve, dirtyPrice, {
    floor: -100 * f,
    ceiling: YIELD_CEILING_PCT,
    guess: approximateYield(bond, dirtyPrice - bond.accruedInterest),
    priceTolerance: PRICE_TOLERANCE,
  });
}

/** The textbook approximation (coupon + pull to par per year) / average of price and par, as a start. */
function approximateYield(bond: BondSettlement, cleanPrice: number): number {
  const flows = bond.cashFlows;
  const years = (flows[flows.length - 1]?.periods ?? 1) / bond.frequency;
  const couponPerPeriod = (flows[0]?.amount ?? 0) - (flows.length === 1 ? 100 : 0);
  const annualCoupon = couponPerPeriod * bond.frequency;
  const guess = ((annualCoupon + (100 - cleanPrice) / years) / ((100 + cleanPrice) / 2)) * 100;
  return Math.min(Math.max(guess, -50 * bond.frequency), 1000);
}

export function assertPositivePrice(price: number, field: string): void {
  if (Number.isNaN(price) || price === Infinity)
    throw new InvalidBondInputError(`${field} must be a finite number, got ${price}`, field);
  if (!(price > 0)) throw new NonPositivePriceError(`${field} must be positive, got ${price}`, field);
}

export function dirtyPriceFromYield(terms: BondTerms, settlement: CivilDate, yieldPct: number): number {
  return dirtyPriceAtYield(settleBond(terms, settlement), yieldPct);
}

export function cleanPriceFromYield(terms: BondTerms, settlement: CivilDate, yieldPct: number): number {
  const bond = settleBond(terms, settlement);
  return dirtyPriceAtYield(bond, yieldPct) - bond.accruedInterest;
}

/** The clean price to book from a yield (a multiple-price auction allotment): half-up to `decimals`, as a string. */
export function priceFromYieldRounded(
  terms: BondTerms,
  settlement: CivilDate,
  yieldPct: number,
  decimals = 4,
): string {
  return roundHalfUp(cleanPriceFromYield(terms, settlement, yieldPct), decimals);
}

export function yieldFromCleanPrice(terms: BondTerms, settlement: CivilDate, cleanPrice: number): number {
  assertPositivePrice(cleanPrice, 'clean_price');
  const bond = settleBond(terms, settlement);
  return yieldAtDirtyPrice(bond, cleanPrice + bond.accruedInterest);
}

export function yieldFromDirtyPrice(terms: BondTerms, settlement: CivilDate, dirtyPrice: number): number {
  return yieldAtDirtyPrice(settleBond(terms, settlement), dirtyPrice);
}
