import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AuctionFormat, BidBasis, HybridClockState } from '../../domain/auctions';

export type AuctionLifecycleState =
  'SCHEDULED' | 'BIDDING' | 'CLOSED' | 'CLEARED' | 'SETTLING' | 'SETTLED' | 'CANCELLED' | 'FAILED';

/** Everything the workflow needs to run its timers; the auction's terms stay in PostgreSQL. */
export interface AuctionWorkflowInput {
  auctionId: number;
  auctionCode: string;
  /** Absent in histories recorded before the bond was a search attribute. */
  bondIsin?: string;
  format: AuctionFormat;
  bidBasis: BidBasis;
  biddingStartTime: string;
  biddingEndTime: string;
  manualProcessing: boolean;
  totalLotSize: number;
  greenshoeAmount: number;
  /** MULTI_ROUND and HYBRID round length. */
  roundSeconds: number | null;
  maxRounds: number | null;
  /** HYBRID: the clock opens at the reserve price (or maximum yield) and moves by the increment. */
  clockStart: string | null;
  minIncrement: string | null;
  finalists: number | null;
  /** Settle this long after clearing instead of at 09:00 IST on the settlement date. */
  settlementDelaySeconds: number | null;
}

export interface AuctionStatus {
  auctionId: number;
  state: AuctionLifecycleState;
  round: number;
  effectiveEndTime: string;
  clock: HybridClockState | null;
  settlementDate: string | null;
  failureReason: string | null;
}

export interface ProcessRequest {
  /** What the issuer accepts, up to notified + greenshoe; the notified amount when absent. */
  acceptedAmount?: number;
}

/**
 * What operations filter auctions by in the Temporal UI and `temporal workflow list --query`
 * (e.g. `BondxAuctionState = 'BIDDING' AND BondxAuctionFormat = 'HYBRID'`). A server must have
 * them registered: the dev server does (infra/temporal/dev-server.ts); elsewhere
 * `temporal operator search-attribute create`.
 */
export const auctionStateAttribute = defineSearchAttributeKey(
  'BondxAuctionState',
  SearchAttributeType.KEYWORD,
);
export const auctionFormatAttribute = defineSearchAttributeKey(
  'BondxAuctionFormat',
  SearchAttributeType.KEYWORD,
);
export const bondIsinAttribute = defineSearchAttributeKey('BondxBondIsin', SearchAttributeType.KEYWORD);
export const AUCTION_SEARCH_ATTRIBUTES = [auctionStateAttribute, auctionFormatAttribute, bondIsinAttribute];

export const startUpdate = defineUpdate<AuctionStatus>('start');
export const closeUpdate = defineUpdate<AuctionStatus>('close');
export const cancelUpdate = defineUpdate<AuctionStatus, [string]>('cancel');
export const processUpdate = defineUpdate<AuctionStatus, [ProcessRequest]>('process');
export const settleUpdate = defineUpdate<AuctionStatus>('settle');
export const statusQuery = defineQuery<AuctionStatus>('status');

export interface SettlementInput {
  auctionId: number;
  auctionCode: string;
  participantIds: number[];
}

export type AllotteeSettlementState = 'PENDING' | 'SETTLING' | 'SETTLED' | 'FAILED';

export interface AllotteeSettlement {
  participantId: number;
  state: AllotteeSettlementState;
  failedLeg: string | null;
  reason: string | null;
}

export interface SettlementOutcome {
  settled: number;
  failed: number;
  allottees: AllotteeSettlement[];
}

export const settlementStatusQuery = defineQuery<SettlementOutcome>('settlementStatus');
