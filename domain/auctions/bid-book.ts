import type { AuctionRules } from './auction-rules';
import { checkBidShape, isBeyondLimit, wellFormedValue } from './bid-validation';
import { DuplicateBidIdError, InvalidBidError } from './errors';
import type { Bid, Id, RejectionReason } from './types';

/** Rejection codes kept in BidBook.rejection; 0 is "not rejected". */
export const Rejection = {
  NONE: 0,
  BEYOND_RESERVE: 1,
  DUPLICATE_NON_COMPETITIVE: 2,
  NO_COMPETITIVE_ALLOTMENT: 3,
} as const;

const REASONS: readonly (RejectionReason | null)[] = [
  null,
  'BEYOND_RESERVE',
  'DUPLICATE_NON_COMPETITIVE',
  'NO_COMPETITIVE_ALLOTMENT',
];

export function rejectionReason(code: number): RejectionReason | null {
  return REASONS[code] ?? null;
}

/**
 * The clearing's working state: one row per bid (the bid's index), one typed column per field.
 * Clearing walks 100,000 bids several times; columns keep those passes off the caller's objects,
 * which lie scattered over the heap, and give the garbage collector nothing to trace or copy.
 */
export interface BidBook {
  bids: readonly Bid[];
  participants: Id[];
  nonCompetitive: Uint8Array;
  /** Price or yield in 4-decimal units; 0 for a non-competitive bid. */
  value: Float64Array;
  /** What a bid may still be allotted: its amount, less what the bidder cap removes. */
  eligible: Float64Array;
  allotted: Float64Array;
  /** Price per 100 paid, in 4-decimal units; NaN while there is nothing to pay. */
  pricePaid: Float64Array;
  rejection: Uint8Array;
}

/** Checks every bid's shape and id, and rejects bids beyond the reserve price or maximum yield. */
export function readBidBook(rules: AuctionRules, bids: readonly Bid[]): BidBook {
  const n = bids.length;
  const book: BidBook = {
    bids,
    participants: new Array<Id>(n),
    nonCompetitive: new Uint8Array(n),
    value: new Float64Array(n),
    eligible: new Float64Array(n),
    allotted: new Float64Array(n),
    pricePaid: new Float64Array(n).fill(Number.NaN),
    rejection: new Uint8Array(n),
  };
  const seen = new Set<Id>();
  for (let i = 0; i < n; i++) {
    const bid = bids[i] as Bid;
    // A set that does not grow already held the id: one hash lookup per bid instead of two.
    const known = seen.size;
    if (seen.add(bid.id).size === known) throw new DuplicateBidIdError(bid.id);
    const value = wellFormedValue(rules, bid);
    if (value === undefined) throw new InvalidBidError(bid.id, checkBidShape(rules, bid).violations);
    book.participants[i] = bid.participantId;
    book.eligible[i] = bid.amount;
    if (value === null) book.nonCompetitive[i] = 1;
    else {
      book.value[i] = value;
      if (isBeyondLimit(rules, value)) book.rejection[i] = Rejection.BEYOND_RESERVE;
    }
  }
  return book;
}
