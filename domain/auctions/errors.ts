import type { BidViolation, Id } from './types';

import { DomainError } from '../domain-error';

/** Base of every auction-clearing error. */
export abstract class AuctionError extends DomainError {}

export class InvalidAuctionSpecError extends AuctionError {
  readonly code = 'AUCTION_INVALID_SPEC';
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, field);
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
