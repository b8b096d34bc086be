import { parseBondTerms } from './bond-terms';
import { settleBond } from './bond-settlement';
import { parseCivilDate } from './civil-date';
import { InvalidBondInputError } from './errors';
import { assertPositivePrice, dirtyPriceAtYield, yieldAtDirtyPrice } from './price-yield';
import { riskMeasuresAtYield } from './risk-measures';
import type { BondMetrics, BondMetricsInput } from './types';

/** Price, yield, accrued interest and risk measures of a fixed-rate bond from either its clean price or its yield. */
export function bondMetrics(input: BondMetricsInput): BondMetrics {
  const terms = parseBondTerms(input);
  const settlement = parseCivilDate(input.settlement_date, 'settlement_date');
  if (!Number.isFinite(input.face_value) || input.face_value <= 0) {
    throw new InvalidBondInputError(
      `face value must be a positive number of rupees, got ${input.face_value}`,
      'face_value',
    );
  }
  const bond = settleBond(terms, settlement);
  const accrued = bond.accruedInterest;
  let yieldPct: number;
  let cleanPrice: number;
  if (input.clean_price !== undefined && input.yield_pct === undefined) {
    assertPositivePrice(input.clean_price, 'clean_price');
    cleanPrice = input.clean_price;
    yieldPct = yieldAtDirtyPrice(bond, cleanPrice + accrued);
  } else if (input.yield_pct !== undefined && input.clean_price === undefined) {
    yieldPct = input.yield_pct;
    cleanPrice = dirtyPriceAtYield(bond, yieldPct) - accrued;
  } else {
    throw new InvalidBondInputError('give exactly one of clean_price and yield_pct', 'clean_price');
  }
  const risk = riskMeasuresAtYield(bond, yieldPct);
  return {
    clean_price: cleanPrice,
    dirty_price: cleanPrice + accrued,
    accrued_interest: accrued,
    yield_pct: yieldPct,
    macaulay_duration: risk.macaulayDuration,
    modified_duration: risk.modifiedDuration,
    convexity: risk.convexity,
    pv01: risk.pv01,
  };
}
