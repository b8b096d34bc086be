import {
  assertSettlementBeforeMaturity,
  daysBetween,
  InvalidBondInputError,
  parseCivilDate,
  treasuryBillPrice,
  treasuryBillYield,
  type BondMetrics,
} from '../../../domain/bonds';

/**
 * A T-bill (coupon frequency 0) under the RBI convention that domain/bonds/treasury-bill.ts implements:
 * P = 100 / (1 + y/100 x D/365), D the actual days from settlement to maturity (1 to 365). The risk
 * measures are that formula's own derivatives with t = D/365: Macaulay t, modified t / (1 + y t),
 * convexity 2 t^2 / (1 + y t)^2, and PV01 by repricing 1 bp lower. No accrued interest: clean = dirty.
 */
export function treasuryBillMetrics(input: {
  maturity_date: string;
  settlement_date: string;
  clean_price?: number;
  yield_pct?: number;
}): BondMetrics {
  const maturity = parseCivilDate(input.maturity_date, 'maturity_date');
  const settlement = parseCivilDate(input.settlement_date, 'settlement_date');
  assertSettlementBeforeMaturity(settlement, maturity);
  const days = daysBetween(settlement, maturity);
  if (days > 365) {
    throw new InvalidBondInputError(
      `a T-bill is priced over at most 365 days; settlement is ${days} days before maturity`,
      'settlement_date',
    );
  }
  let price: number;
  let yieldPct: number;
  if (input.clean_price !== undefined) {
    price = input.clean_price;
    yieldPct = treasuryBillYield(price, days);
  } else if (input.yield_pct !== undefined) {
    yieldPct = input.yield_pct;
    price = treasuryBillPrice(yieldPct, days);
  } else {
    throw new InvalidBondInputError('give exactly one of clean_price and yield_pct', 'clean_price');
  }
  const t = days / 365;
  const growth = 1 + (yieldPct / 100) * t;
  return {
    clean_price: price,
    dirty_price: price,
    accrued_interest: 0,
    yield_pct: yieldPct,
    macaulay_duration: t,
    modified_duration: t / growth,
    convexity: (2 * t * t) / (growth * growth),
    pv01: treasuryBillPrice(yieldPct - 0.01, days) - price,
  };
}
