import type { HybridClockState, Demand } from '../../domain/auctions';
import type { AuctionLifecycleState } from './auction-messages';

/** What ending bidding (or a round) did: the auction closed, or bidding goes on until `effectiveEndTime`. */
export interface BiddingCheck {
  closed: boolean;
  effectiveEndTime: string;
}

export interface ClearingOutcome {
  state: Extract<AuctionLifecycleState, 'CLEARED' | 'FAILED'>;
  settlementDate: string | null;
  allotteeIds: number[];
  failureReason: string | null;
}

export type SettlementLeg = 'BLOCK_FUNDS' | 'DELIVER_SECURITIES' | 'PAY';

/**
 * The activities the auction workflows call, implemented in activities/auctions. Declared here, as
 * types only, so workflow code never imports the module that does the I/O.
 */
export interface AuctionActivities {
  /** Opens bidding until `effectiveEndTime` (the first round's end for MULTI_ROUND and HYBRID). */
  openBidding(auctionId: number, effectiveEndTime: string): Promise<void>;
  /** Closes bidding when its end has passed (or `force`); otherwise reports the (extended) end. */
  closeBidding(auctionId: number, force: boolean): Promise<BiddingCheck>;
  /** MULTI_ROUND: publishes the round's provisional cut-off and closes when the rounds are over. */
  endRound(auctionId: number, round: number, force: boolean, nextRoundEnd: string): Promise<BiddingCheck>;
  /** HYBRID: the demand confirmed at the clock's price in `round`. */
  clockDemand(auctionId: number, round: number): Promise<Demand[]>;
  recordClock(auctionId: number, clock: HybridClockState, roundEnd: string): Promise<void>;
  cancelAuction(auctionId: number, reason: string): Promise<void>;
  clearAuction(auctionId: number, acceptedAmount: number | null): Promise<ClearingOutcome>;
  markState(auctionId: number, state: AuctionLifecycleState): Promise<void>;
  blockFunds(auctionId: number, participantId: number): Promise<void>;
  deliverSecurities(auctionId: number, participantId: number): Promise<void>;
  payIssuer(auctionId: number, participantId: number): Promise<void>;
  /** Compensates the legs done so far and records which leg failed and why. */
  failSettlement(auctionId: number, participantId: number, leg: SettlementLeg, reason: string): Promise<void>;
  finishSettlement(auctionId: number): Promise<AuctionLifecycleState>;
}

/** ApplicationFailure types the settlement legs raise for business failures (never retried). */
export const SETTLEMENT_FAILURES = ['InsufficientFunds', 'ParticipantNotActive', 'LedgerOverdraft'] as const;
