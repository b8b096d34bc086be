/** A trade as executed, busted, or corrected (price or quantity) by an approved correction. */
export const TRADE_STATUSES = ['ACTIVE', 'BUSTED', 'CORRECTED'] as const;
export type TradeStatus = (typeof TRADE_STATUSES)[number];

/**
 * PENDING until its settlement run settles it; a failure rolls it (still PENDING, a later date) or
 * closes it out; a busted trade is CANCELLED.
 */
export const TRADE_SETTLEMENT_STATUSES = ['PENDING', 'SETTLED', 'CLOSED_OUT', 'CANCELLED'] as const;
export type TradeSettlementStatus = (typeof TRADE_SETTLEMENT_STATUSES)[number];

export const SETTLEMENT_RUN_STATUSES = [
  'RUNNING',
  'SETTLED',
  'PARTIAL',
  'FAILED',
  'NOTHING_TO_SETTLE',
] as const;
export type SettlementRunStatus = (typeof SETTLEMENT_RUN_STATUSES)[number];

export const SETTLEMENT_MODES = ['DVP3', 'DVP1'] as const;

export const OBLIGATION_STATUSES = ['PENDING', 'BLOCKED', 'SETTLED', 'RELEASED'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const TRADE_OUTCOMES = ['PLANNED', 'SETTLED', 'FAILED'] as const;
export type TradeOutcome = (typeof TRADE_OUTCOMES)[number];

export const CORRECTION_STATUSES = ['PENDING_APPROVAL', 'APPLIED', 'REJECTED'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** The two legs of a DvP-I trade: securities seller to buyer, funds buyer to seller. */
export const SETTLEMENT_LEG_KINDS = ['SECURITIES', 'FUNDS'] as const;
export type SettlementLegKind = (typeof SETTLEMENT_LEG_KINDS)[number];
