import type { BondType } from '../reference-data/bond-types';

/**
 * Curve families: sovereign paper (G-secs and T-bills share one curve), state loans, and corporate
 * paper by rating, since issuers of one rating trade at one spread far more than across ratings.
 */
export const CURVE_FAMILIES = [
  'G_SEC',
  'SDL',
  'CORPORATE_AAA',
  'CORPORATE_AA',
  'CORPORATE_A',
  'CORPORATE_BBB',
  'CORPORATE_OTHER',
] as const;
export type CurveFamily = (typeof CURVE_FAMILIES)[number];

/** The family a bond is priced off, from its type and rating ('AA+' and 'AA-' are AA). */
export function curveFamilyOf(bondType: BondType, rating: string | null | undefined): CurveFamily {
  if (bondType === 'G_SEC' || bondType === 'T_BILL') return 'G_SEC';
  if (bondType === 'SDL') return 'SDL';
  const grade = (rating ?? '').toUpperCase().replace(/[+-]$/, '');
  const known = ['AAA', 'AA', 'A', 'BBB'] as const;
  const match = known.find((g) => g === grade);
  return match ? `CORPORATE_${match}` : 'CORPORATE_OTHER';
}
