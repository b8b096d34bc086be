import {
  cleanPriceFromYield,
  daysBetween,
  parseBondTerms,
  parseCivilDate,
  treasuryBillPrice,
  treasuryBillYield,
  yieldFromCleanPrice,
  type CivilDate,
} from '../bonds';

/** What pricing a bond off a curve needs; a coupon frequency of 0 is a T-bill (simple yield, 365 days). */
export interface PricedBondTerms {
  readonly couponPct: number;
  readonly maturityDate: string;
  readonly frequency: number;
  readonly dayCount: string;
}

/** Years from settlement to maturity on an actual/365.25 clock: the curve's time axis. */
export function yearsToMaturity(maturityDate: string, settlement: CivilDate): number {
  return daysBetween(settlement, parseCivilDate(maturityDate, 'maturity_date')) / 365.25;
}

/** Yield (percent, the bond's own convention) of a clean price. */
export function bondYieldAt(terms: PricedBondTerms, settlementDate: string, cleanPrice: number): number {
  const settlement = parseCivilDate(settlementDate, 'settlement_date');
  if (terms.frequency === 0) {
    return treasuryBillYield(cleanPrice, daysBetween(settlement, parseCivilDate(terms.maturityDate)));
  }
  return yieldFromCleanPrice(parseBondTerms(toTermsInput(terms)), settlement, cleanPrice);
}

/** Clean price per 100 at a yield (percent, the bond's own convention). */
export function bondPriceAt(terms: PricedBondTerms, settlementDate: string, yieldPct: number): number {
  const settlement = parseCivilDate(settlementDate, 'settlement_date');
  if (terms.frequency === 0) {
    return treasuryBillPrice(yieldPct, daysBetween(settlement, parseCivilDate(terms.maturityDate)));
  }
  return cleanPriceFromYield(parseBondTerms(toTermsInput(terms)), settlement, yieldPct);
}

function toTermsInput(terms: PricedBondTerms) {
  return {
    coupon_pct: terms.couponPct,
    maturity_date: terms.maturityDate,
    frequency: terms.frequency,
    day_count: terms.dayCount,
  };
}

/**
 * Rich/cheap in basis points: the market's yield minus the fair yield. Positive is cheap (the market
 * pays more yield than the curve), negative is rich.
 */
export function richCheapBp(marketYieldPct: number, fairYieldPct: number): number {
  return (marketYieldPct - fairYieldPct) * 100;
}

/** PV01 per 100 of face: the clean price change for one basis point of yield (central difference). */
export function pv01At(terms: PricedBondTerms, settlementDate: string, yieldPct: number): number {
  return (
    bondPriceAt(terms, settlementDate, yieldPct - 0.005) -
    bondPriceAt(terms, settlementDate, yieldPct + 0.005)
  );
}
