import type { AuctionRules } from './auction-rules';
import { checkBidShape, isBeyondLimit, wellFormedValue } from './bid-validation';
import { bidTimeKey, compareIds } from './bid-order';
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
  ids: Id[];
  participants: Id[];
  /** Each bid's amount as bid. */
  amount: Float64Array;
  nonCompetitive: Uint8Array;
  /** Price or yield in 4-decimal units; 0 for a non-competitive bid. */
  value: Float64Array;
  /** What a bid may still be allotted: its amount, less what the bidder cap removes. */
  eligible: Float64Array;
  allotted: Float64Array;
  /** Price per 100 paid, in 4-decimal units; NaN while there is nothing to pay. */
  pricePaid: Float64Array;
  rejection: Uint8Array;
  /** Tie-break time of each bid (see bidTimeKey), parsed when a tie first needs it; NaN until then. */
  timeKey: Float64Array;
  /** Sum of every bid's amount. */
  totalAmount: number;
}

/** Checks every bid's shape and id, and rejects bids beyond the reserve price or maximum yield. */
export function readBidBook(rules: AuctionRules, bids: readonly Bid[]): BidBook {
  const n = bids.length;
  const book: BidBook = {
    bids,
    ids: new Array<Id>(n),
    participants: new Array<Id>(n),
    amount: new Float64Array(n),
    nonCompetitive: new Uint8Array(n),
    value: new Float64Array(n),
    eligible: new Float64Array(n),
    allotted: new Float64Array(n),
    pricePaid: new Float64Array(n).fill(Number.NaN),
    rejection: new Uint8Array(n),
    timeKey: new Float64Array(n).fill(Number.NaN),
    totalAmount: 0,
  };
  const seen = new Set<Id>();
  // A local sum: adding to a field of `book` would box a new number per bid.
  let totalAmount = 0;
  for (let i = 0; i < n; i++) {
    const bid = bids[i] as Bid;
    // A set that does not grow already held the id: one hash lookup per bid instead of two.
    const known = seen.size;
    if (seen.add(bid.id).size === known) throw new DuplicateBidIdError(bid.id);
    const value = wellFormedValue(rules, bid);
    if (value === undefined) throw new InvalidBidError(bid.id, checkBidShape(rules, bid).violations);
    book.ids[i] = bid.id;
    book.participants[i] = bid.participantId;
    book.amount[i] = book.eligible[i] = bid.amount;
    totalAmount += bid.amount;
    if (value === null) book.nonCompetitive[i] = 1;
    else {
      book.value[i] = value;
      if (isBeyondLimit(rules, value)) book.rejection[i] = Rejection.BEYOND_RESERVE;
    }
  }
  book.totalAmount = totalAmount;
  return book;
}

function timeKeyOf(book: BidBook, row: number): number {
  let key = book.timeKey[row] as number;
  if (Number.isNaN(key)) key = book.timeKey[row] = bidTimeKey(book.bids[row] as Bid);
  return key;
}

/** Earlier bid first, then the smaller bid id: the tie-break wherever the rules need one. */
export function compareRows(book: BidBook, a: number, b: number): number {
  return timeKeyOf(book, a) - timeKeyOf(book, b) || compareIds(book.ids[a] as Id, book.ids[b] as Id);
}
