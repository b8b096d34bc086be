import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { TRADE_OUTCOMES, type TradeOutcome } from '../../domain/settlement/trade-states';
import { SettlementRun } from './settlement-run';
import { Trade } from './trade';

/**
 * What one attempt of a run did with one trade: PLANNED into a netting round, then SETTLED, or
 * FAILED with the participant whose shortfall failed it and why.
 */
@Entity({ tableName: 'settlement_run_trades' })
@Unique({ name: 'settlement_run_trades_attempt_trade_unique', properties: ['run', 'attempt', 'trade'] })
@Index({ name: 'settlement_run_trades_trade_id_index', properties: ['trade'] })
export class SettlementRunTrade {
  [OptionalProps]?: 'failedParticipantId' | 'reason' | 'buyerFee' | 'sellerFee';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => SettlementRun, { deleteRule: 'restrict' })
  run!: SettlementRun;

  @Property({ type: 'integer' })
  attempt!: number;

  @ManyToOne(() => Trade, { deleteRule: 'restrict' })
  trade!: Trade;

  @Property({ type: 'integer' })
  round!: number;

  /** The trade's version when it was planned: a correction in between makes the round stale. */
  @Property({ type: 'integer' })
  tradeVersion!: number;

  @Enum({ items: () => [...TRADE_OUTCOMES], nativeEnumName: 'settlement_trade_outcome' })
  outcome!: TradeOutcome;

  @Property({ type: 'integer', nullable: true })
  failedParticipantId?: number | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** The venue fee each side pays when a DvP-III round settles the trade, and the entries that priced it. */
  @Property({ type: 'decimal', precision: 14, scale: 2, default: 0 })
  buyerFee!: string;

  @Property({ type: 'integer', nullable: true })
  buyerFeeScheduleId?: number | null;

  @Property({ type: 'decimal', precision: 14, scale: 2, default: 0 })
  sellerFee!: string;

  @Property({ type: 'integer', nullable: true })
  sellerFeeScheduleId?: number | null;
}
