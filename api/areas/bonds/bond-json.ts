import type { Bond } from '../../../db/entities';
import { fixedDecimal } from '../../http/decimal-json';

/** A bond as the API serves it (decimals as fixed-scale strings). */
export const bondJson = (b: Bond) => ({
  bond_id: b.code,
  isin: b.isin,
  code: b.code,
  name: b.name,
  issuer: b.issuer,
  issuer_type: b.issuerType,
  bond_type: b.bondType,
  coupon_pct: fixedDecimal(b.couponPct, 4),
  issue_date: b.issueDate,
  maturity_date: b.maturityDate,
  coupon_frequency: b.couponFrequency,
  day_count: b.dayCount,
  face_value: fixedDecimal(b.faceValue, 2),
  lot_size: fixedDecimal(b.lotSize, 2),
  tick_size: fixedDecimal(b.tickSize, 4),
  rating: b.rating ?? null,
  outstanding_amount: fixedDecimal(b.outstandingAmount, 2),
  reference_yield_pct: fixedDecimal(b.referenceYieldPct, 4),
  reference_price: fixedDecimal(b.referencePrice, 4),
  is_tradable: b.isTradable,
});
