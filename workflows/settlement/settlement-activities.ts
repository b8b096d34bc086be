import type { SettlementSystem } from '../../domain/calendar/settlement-systems';
import type { SettlementMode } from '../../domain/settlement/settlement-cycle';

export interface TradeSettlementInput {
  system: SettlementSystem;
  /** YYYY-MM-DD */
  date: string;
  /** The OPERATIONS user who started it; null for the daily launcher. */
  startedBy: number | null;
}

export interface RunRef {
  runId: number;
  attempt: number;
  mode: SettlementMode;
}

/** One DvP-III netting round: who must block, how many trades it settles. */
export interface RoundPlan {
  tradeCount: number;
  failedCount: number;
  /** Participants with a net debit in cash or securities, in id order. */
  debtors: number[];
}

export interface RunSummary {
  status: string;
  settledTrades: number;
  failedTrades: number;
  rolled: number;
  closedOut: number;
  failedParticipants: { participantId: number; trades: number; reasons: string[] }[];
}

/** The activities the settlement workflows call (activities/settlement); types only, for the bundle. */
export interface SettlementActivities {
  openSettlementRun(system: SettlementSystem, date: string, startedBy: number | null): Promise<RunRef>;
  computeNetRound(runId: number, attempt: number, round: number): Promise<RoundPlan>;
  /** Blocks the participant's cash debit and checks its securities debits; fails for a shortfall. */
  blockObligations(runId: number, attempt: number, round: number, participantId: number): Promise<void>;
  /** Gives back every block of a round that cannot settle (the compensation). */
  releaseRound(runId: number, attempt: number, round: number): Promise<void>;
  /** Securities and funds of every participant in one balanced journal, in one transaction. */
  settleNetRound(
    runId: number,
    attempt: number,
    round: number,
  ): Promise<{ settled: boolean; reason: string | null }>;
  listGrossTrades(runId: number, attempt: number): Promise<string[]>;
  settleGrossTrade(runId: number, attempt: number, tradeId: string): Promise<string>;
  /** Rolls or closes out the failed trades and records the outcome. */
  closeSettlementRun(runId: number, attempt: number): Promise<RunSummary>;
  /** Opens a compliance exception per failed participant (deduplicated, so a retry adds none). */
  reportSettlementFailures(runId: number, attempt: number): Promise<number>;
  /** Today in India and whether it is a business day of `system`. */
  settlementToday(system: SettlementSystem): Promise<{ date: string; businessDay: boolean }>;
}

/** ApplicationFailure types of a business shortfall while blocking (never retried). */
export const BLOCK_FAILURES = ['InsufficientFunds', 'InsufficientSecurities'] as const;
