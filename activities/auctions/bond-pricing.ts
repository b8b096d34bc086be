import {
  accruedInterest,
  daysBetween,
  parseCivilDate,
  priceFromYieldRounded,
  roundHalfUp,
  treasuryBillPriceRounded,
  treasuryBillYield,
  yieldFromCleanPrice,
  type BondTerms,
  type CouponFrequency,
} from '../../domain/bonds';
import type { ClearingContext } from '../../domain/auctions';
import type { Bond } from '../../db/entities';

/**
 * The bond math clearing needs, bound to the auctioned bond and the settlement date: the price of a
 * yield (at a given coupon, for new issues), the yield of a price, and a re-issue's accrued interest.
 */
export function bondPricing(
  bond: Bond,
  settlementDate: string,
  newIssue: boolean,
): Pick<ClearingContext, 'priceFromYield' | 'yieldFromPrice' | 'accruedPer100'> {
  const settlement = parseCivilDate(settlementDate, 'settlement_date');
  const maturity = parseCivilDate(bond.maturityDate, 'maturity_date');
  if (bond.couponFrequency === 0) {
    const days = daysBetween(settlement, maturity);
    return {
      priceFromYield: (yieldPct) => treasuryBillPriceRounded(Number(yieldPct), days),
      yieldFromPrice: (price) => roundHalfUp(treasuryBillYield(Number(price), days), 4),
    };
  }
  const terms: BondTerms = {
    couponPct: Number(bond.couponPct),
    maturity,
    frequency: bond.couponFrequency as CouponFrequency,
    dayCount: bond.dayCount,
  };
  return {
    priceFromYield: (yieldPct, couponPct) =>
      priceFromYieldRounded({ ...terms, couponPct: Number(couponPct) }, settlement, Number(yieldPct)),
    yieldFromPrice: (price) => roundHalfUp(yieldFromCleanPrice(terms, settlement, Number(price)), 4),
    // Ten places keep the rupee amount exact to the paisa for any allotment below 10^10 rupees.
    accruedPer100: newIssue ? undefined : roundHalfUp(accruedInterest(terms, settlement), 10),
  };
}
