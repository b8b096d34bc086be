import type { BidViolation, Id } from './types';

/** Base of every auction-clearing error; `code` is stable and mapped once at the edge. */
export abstract class AuctionError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidAuctionSpecError extends AuctionError {
  readonly code = 'AUCTION_INVALID_SPEC';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class InvalidBidError extends AuctionError {
  readonly code = 'AUCTION_INVALID_BID';
  constructor(
    readonly bidId: Id,
    readonly violations: readonly BidViolation[],
  ) {
    super(`bid ${String(bidId)}: ${violations.map((v) => v.message).join('; ')}`);
  }
}

export class DuplicateBidIdError extends AuctionError {
  readonly code = 'AUCTION_DUPLICATE_BID_ID';
  constructor(readonly bidId: Id) {
    super(`bid id ${String(bidId)} appears more than once`);
  }
}

/** The injected bond-math function is missing or answered something that is not a 4-decimal number. */
export class PricingFunctionError extends AuctionError {
  readonly code = 'AUCTION_PRICING_FUNCTION';
}

/** A stateful helper (hybrid clock, multi-round) was used out of turn. */
export class AuctionStateError extends AuctionError {
  readonly code = 'AUCTION_STATE';
}
