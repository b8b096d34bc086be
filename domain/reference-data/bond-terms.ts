import Decimal from 'decimal.js';
import type { BondType, IssuerType } from './bond-types';

export interface BondTerms {
  bondType: BondType;
  issuerType: IssuerType;
  couponPct: string;
  couponFrequency: number;
  issueDate: string;
  maturityDate: string;
  faceValue: string;
  lotSize: string;
  tickSize: string;
}

export interface TermViolation {
  field: string;
  message: string;
}

const ISSUERS_BY_TYPE: Record<BondType, readonly IssuerType[]> = {
  G_SEC: ['CENTRAL_GOVERNMENT'],
  T_BILL: ['CENTRAL_GOVERNMENT'],
  SDL: ['STATE_GOVERNMENT'],
  CORPORATE: ['PSU', 'BANK', 'NBFC', 'CORPORATE'],
};

/** Rules that tie a bond's fields together; each field's own shape is checked at the edge. */
export function bondTermViolations(t: BondTerms): TermViolation[] {
  const out: TermViolation[] = [];
  const coupon = new Decimal(t.couponPct);
  const face = new Decimal(t.faceValue);
  const lot = new Decimal(t.lotSize);
  if (t.maturityDate <= t.issueDate)
    out.push({ field: 'maturity_date', message: 'must be after issue_date' });
  if (!ISSUERS_BY_TYPE[t.bondType].includes(t.issuerType)) {
    out.push({
      field: 'issuer_type',
      message: `a ${t.bondType} is issued by ${ISSUERS_BY_TYPE[t.bondType].join(' or ')}`,
    });
  }
  if (t.bondType === 'T_BILL' && (t.couponFrequency !== 0 || !coupon.isZero())) {
    out.push({
      field: 'coupon_frequency',
      message: 'a T_BILL is zero-coupon: coupon_pct 0 and coupon_frequency 0',
    });
  }
  if (t.couponFrequency === 0 && !coupon.isZero()) {
    out.push({ field: 'coupon_pct', message: 'must be 0 when coupon_frequency is 0' });
  }
  if (t.couponFrequency !== 0 && coupon.isZero()) {
    out.push({ field: 'coupon_frequency', message: 'must be 0 for a zero-coupon bond' });
  }
  if (!lot.mod(face).isZero()) out.push({ field: 'lot_size', message: 'must be a multiple of face_value' });
  return out;
}
