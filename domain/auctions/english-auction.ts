import { AuctionStateError, InvalidAuctionSpecError } from './errors';
import { formatFixed4, parseFixed4 } from './fixed-point';
import type { BidBasis, BidViolation, DecimalInput } from './types';

export interface EnglishBidRule {
  bidBasis: BidBasis;
  /** A new bid must beat the best by at least this much (price up, or yield down). */
  minIncrement: DecimalInput;
  reservePrice?: DecimalInput;
  maxYield?: DecimalInput;
}

function units(field: string, value: DecimalInput): number {
  const parsed = parseFixed4(value);
  if (parsed === null || parsed < 0)
    throw new InvalidAuctionSpecError(field, 'must be a non-negative decimal with at most 4 places');
  return parsed;
}

/**
 * Checks a new ENGLISH bid's price (or yield) against the best standing one: it must improve on it by
 * at least `minIncrement`; the first bid must only respect the reserve price or maximum yield.
 */
export function validateEnglishBid(
  rule: EnglishBidRule,
  currentBest: DecimalInput | null,
  value: DecimalInput,
): BidViolation[] {
  const field = rule.bidBasis === 'PRICE' ? 'price' : 'yield';
  const increment = units('minIncrement', rule.minIncrement);
  if (increment === 0) throw new InvalidAuctionSpecError('minIncrement', 'must be positive');
  const bid = parseFixed4(value);
  if (bid === null || bid <= 0) {
    return [{ field, code: 'INVALID_DECIMAL', message: `${field} must be positive with at most 4 decimals` }];
  }
  const byPrice = rule.bidBasis === 'PRICE';
  if (currentBest === null) {
    const limit = byPrice ? rule.reservePrice : rule.maxYield;
    if (limit === undefined) return [];
    const bound = units(byPrice ? 'reservePrice' : 'maxYield', limit);
    const beyond = byPrice ? bid < bound : bid > bound;
    return beyond
      ? [{ field, code: 'BEYOND_RESERVE', message: `${field} is beyond ${formatFixed4(bound)}` }]
      : [];
  }
  const best = units('currentBest', currentBest);
  const needed = byPrice ? best + increment : best - increment;
  const enough = byPrice ? bid >= needed : bid <= needed;
  if (enough) return [];
  return [
    {
      field,
      code: 'INCREMENT_TOO_SMALL',
      message: `${field} must be ${byPrice ? 'at least' : 'at most'} ${formatFixed4(needed)}`,
    },
  ];
}

function instant(field: string, iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new InvalidAuctionSpecError(field, 'must be an ISO-8601 timestamp');
  return ms;
}

/**
 * Soft close: a bid in the last `extensionSeconds` before the end pushes the end to
 * `extensionSeconds` after the bid. Returns the (possibly unchanged) end as ISO-8601 UTC.
 */
export function extendSoftClose(endTime: string, bidTime: string, extensionSeconds: number): string {
  if (!Number.isSafeInteger(extensionSeconds) || extensionSeconds < 0) {
    throw new InvalidAuctionSpecError('extensionSeconds', 'must be a non-negative whole number');
  }
  const end = instant('endTime', endTime);
  const bid = instant('bidTime', bidTime);
  if (bid > end) throw new AuctionStateError(`bid at ${bidTime} arrived after the close at ${endTime}`);
  const extended = bid + extensionSeconds * 1000;
  return new Date(Math.max(end, extended)).toISOString();
}
