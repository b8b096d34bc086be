import { InvalidAuctionSpecError } from './errors';
import { divHalfUp, mulDivHalfUp, parseExactDecimal, UNITS_PER_WHOLE } from './fixed-point';
import type { DecimalInput } from './types';

/** Accrued interest per 100 of face value as an exact fraction. */
export interface AccruedPer100 {
  numerator: bigint;
  denominator: bigint;
}

export function resolveAccrued(
  newIssue: boolean,
  accruedPer100: DecimalInput | undefined,
): AccruedPer100 | null {
  if (accruedPer100 === undefined) return null;
  if (newIssue) throw new InvalidAuctionSpecError('accruedPer100', 'a new issue has no accrued interest');
  const exact = parseExactDecimal(accruedPer100);
  if (exact === null) throw new InvalidAuctionSpecError('accruedPer100', 'must be a non-negative decimal');
  return exact;
}

/** Face x price / 100 in paise, rounded half-up; the price is in 4-decimal units. */
export function considerationPaise(face: number, priceUnits: number): number {
  // face * (units / 10^4) / 100 rupees = face * units / 10^4 paise
  return mulDivHalfUp(face, priceUnits, UNITS_PER_WHOLE);
}

/** Face x accrued per 100 / 100 in paise, rounded half-up. */
export function accruedPaise(face: number, accrued: AccruedPer100 | null): number {
  if (accrued === null || face === 0) return 0;
  // face * (n / d) / 100 rupees = face * n / d paise
  return divHalfUp(BigInt(face) * accrued.numerator, accrued.denominator);
}
