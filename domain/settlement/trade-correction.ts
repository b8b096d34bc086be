import { DomainError } from '../domain-error';
import { ExactDecimal } from '../bonds/rounding';

export const CORRECTION_KINDS = ['BUST', 'CORRECT'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

export class InvalidCorrectionError extends DomainError {
  readonly code = 'INVALID_TRADE_CORRECTION';
}

/** Four eyes: the approver must be a different person from the requester. */
export class SameApproverError extends DomainError {
  readonly code = 'FOUR_EYES';
}

export interface CorrectedTerms {
  price: string;
  quantity: string;
}

/**
 * Checks a requested correction against the trade and the bond: a CORRECT changes the price or the
 * quantity (or both) to a positive multiple of the tick and the lot; a BUST carries neither.
 */
export function validateCorrection(
  kind: CorrectionKind,
  trade: CorrectedTerms,
  bond: { tickSize: string; lotSize: string },
  requested: { price?: string; quantity?: string },
): CorrectedTerms | null {
  if (kind === 'BUST') {
    if (requested.price !== undefined || requested.quantity !== undefined) {
      throw new InvalidCorrectionError('a bust takes no price or quantity', 'price');
    }
    return null;
  }
  const price = requested.price ?? trade.price;
  const quantity = requested.quantity ?? trade.quantity;
  const multipleOf = (value: string, step: string, field: string, what: string) => {
    const v = new ExactDecimal(value);
    if (v.lte(0) || !v.mod(step).isZero()) {
      throw new InvalidCorrectionError(`${field} must be a positive multiple of the ${what} ${step}`, field);
    }
  };
  multipleOf(price, bond.tickSize, 'price', 'tick size');
  multipleOf(quantity, bond.lotSize, 'quantity', 'lot size');
  if (new ExactDecimal(price).eq(trade.price) && new ExactDecimal(quantity).eq(trade.quantity)) {
    throw new InvalidCorrectionError('a correction must change the price or the quantity', 'price');
  }
  return { price, quantity };
}

export function assertFourEyes(requestedBy: number, approver: number): void {
  if (requestedBy === approver) {
    throw new SameApproverError('the person who requested a correction cannot approve it', 'approver');
  }
}

/** A change of a HOUSE position: `delta` rupees of face; `price` re-weights the average of an increase. */
export interface PositionMove {
  participantId: number;
  delta: string;
  price: string | null;
}

/**
 * How HOUSE positions follow a correction: the original fill is taken back (buyer down, seller up,
 * at no price, so averages are kept) and, for a CORRECT, the corrected fill is applied (the buyer's
 * increase at the corrected price).
 */
export function correctionPositionMoves(
  trade: CorrectedTerms & { buyerId: number; sellerId: number },
  corrected: CorrectedTerms | null,
): PositionMove[] {
  const moves: PositionMove[] = [
    { participantId: trade.buyerId, delta: `-${trade.quantity}`, price: null },
    { participantId: trade.sellerId, delta: trade.quantity, price: null },
  ];
  if (corrected) {
    moves.push(
      { participantId: trade.buyerId, delta: corrected.quantity, price: corrected.price },
      { participantId: trade.sellerId, delta: `-${corrected.quantity}`, price: null },
    );
  }
  return moves;
}
