import { resolveRules, type AuctionRules } from './auction-rules';
import { InvalidBidError } from './errors';
import { parseFixed4 } from './fixed-point';
import type { AuctionSpec, Bid, BidBasis, BidViolation } from './types';

export interface BidCheck {
  violations: BidViolation[];
  /** The bid's price or yield in 4-decimal units; null for a non-competitive bid or a bad value. */
  valueUnits: number | null;
}

function amountViolations(rules: AuctionRules, amount: number): BidViolation[] {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return [
      {
        field: 'amount',
        code: 'AMOUNT_NOT_INTEGER',
        message: 'amount must be a positive whole number of rupees',
      },
    ];
  }
  if (amount < rules.lot) {
    return [{ field: 'amount', code: 'BELOW_MINIMUM', message: `amount must be at least ${rules.lot}` }];
  }
  if (amount % rules.lot !== 0) {
    return [
      { field: 'amount', code: 'NOT_LOT_MULTIPLE', message: `amount must be a multiple of ${rules.lot}` },
    ];
  }
  return [];
}

// A price must be positive; a yield may be zero but not negative.
function isAcceptableValue(basis: BidBasis, units: number | null): units is number {
  return units !== null && (basis === 'PRICE' ? units > 0 : units >= 0);
}

function valueCheck(basis: BidBasis, bid: Bid): BidCheck {
  const field = basis === 'PRICE' ? 'price' : 'yield';
  const other = basis === 'PRICE' ? 'yield' : 'price';
  const violations: BidViolation[] = [];
  if (bid[other] !== undefined) {
    violations.push({
      field: other,
      code: other === 'price' ? 'UNEXPECTED_PRICE' : 'UNEXPECTED_YIELD',
      message: `a ${basis}-basis bid has no ${other}`,
    });
  }
  const raw = bid[field];
  if (raw === undefined) {
    violations.push({
      field,
      code: field === 'price' ? 'MISSING_PRICE' : 'MISSING_YIELD',
      message: `a competitive bid needs a ${field}`,
    });
    return { violations, valueUnits: null };
  }
  const units = parseFixed4(raw);
  if (!isAcceptableValue(basis, units)) {
    violations.push({
      field,
      code: 'INVALID_DECIMAL',
      message: `${field} must be positive with at most 4 decimals`,
    });
    return { violations, valueUnits: null };
  }
  return { violations, valueUnits: units };
}

/**
 * The price or yield units of a well-formed bid (null for a non-competitive one), or undefined when
 * the bid has a shape problem that checkBidShape will describe. Clearing runs it on every bid, so it
 * builds nothing.
 */
export function wellFormedValue(rules: AuctionRules, bid: Bid): number | null | undefined {
  const amount = bid.amount;
  if (!Number.isSafeInteger(amount) || amount < rules.lot || amount % rules.lot !== 0) return undefined;
  const byPrice = rules.basis === 'PRICE';
  const value = byPrice ? bid.price : bid.yield;
  const other = byPrice ? bid.yield : bid.price;
  if (bid.nonCompetitive) return value === undefined && other === undefined ? null : undefined;
  if (value === undefined || other !== undefined) return undefined;
  const units = parseFixed4(value);
  return isAcceptableValue(rules.basis, units) ? units : undefined;
}

/** Shape checks that need no other bid: amount, lot multiple, and the price or yield the basis asks for. */
export function checkBidShape(rules: AuctionRules, bid: Bid): BidCheck {
  const violations = amountViolations(rules, bid.amount);
  if (bid.nonCompetitive) {
    if (bid.price !== undefined)
      violations.push({
        field: 'price',
        code: 'UNEXPECTED_PRICE',
        message: 'a non-competitive bid has no price',
      });
    if (bid.yield !== undefined)
      violations.push({
        field: 'yield',
        code: 'UNEXPECTED_YIELD',
        message: 'a non-competitive bid has no yield',
      });
    return { violations, valueUnits: null };
  }
  const value = valueCheck(rules.basis, bid);
  return { violations: [...violations, ...value.violations], valueUnits: value.valueUnits };
}

/** True when a price is below the reserve price or a yield above the maximum yield. */
export function isBeyondLimit(rules: AuctionRules, valueUnits: number): boolean {
  if (rules.limitUnits === null) return false;
  return rules.basis === 'PRICE' ? valueUnits < rules.limitUnits : valueUnits > rules.limitUnits;
}

/**
 * Everything wrong with a new or modified bid, given the bids already standing in the auction
 * (a bid with the same id is the one being modified and is ignored). Empty when the bid is acceptable.
 */
export function validateBid(spec: AuctionSpec, bid: Bid, standingBids: readonly Bid[] = []): BidViolation[] {
  const rules = resolveRules(spec);
  const { violations, valueUnits } = checkBidShape(rules, bid);
  if (valueUnits !== null && isBeyondLimit(rules, valueUnits)) {
    const message =
      rules.basis === 'PRICE' ? 'price is below the reserve price' : 'yield is above the maximum yield';
    violations.push({ field: rules.basis === 'PRICE' ? 'price' : 'yield', code: 'BEYOND_RESERVE', message });
  }
  if (bid.nonCompetitive) {
    if (rules.nonCompetitiveCap === 0) {
      violations.push({
        field: 'nonCompetitive',
        code: 'NON_COMPETITIVE_NOT_ALLOWED',
        message: 'this auction takes no non-competitive bids',
      });
    } else if (
      standingBids.some((b) => b.nonCompetitive && b.participantId === bid.participantId && b.id !== bid.id)
    ) {
      violations.push({
        field: 'nonCompetitive',
        code: 'DUPLICATE_NON_COMPETITIVE',
        message: 'one non-competitive bid per participant',
      });
    }
  }
  return violations;
}

export function assertValidBid(spec: AuctionSpec, bid: Bid, standingBids: readonly Bid[] = []): void {
  const violations = validateBid(spec, bid, standingBids);
  if (violations.length > 0) throw new InvalidBidError(bid.id, violations);
}
