import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { EXECUTION_MECHANISMS, type ExecutionMechanism } from '../../domain/rfq/execution-mechanism';
import {
  TRADE_SETTLEMENT_STATUSES,
  TRADE_STATUSES,
  type TradeSettlementStatus,
  type TradeStatus,
} from '../../domain/settlement/trade-states';
import { SIDE_NAMES, type SideName } from '../../domain/trading/order-names';
import { Bond } from './bond';
import { Order } from './order';
import { Participant } from './participant';
import { Rfq } from './rfq';

/**
 * One execution: on the book (CONTINUOUS), written by the matching worker in the group commit that
 * journals it, or off the book (RFQ), written when the requester accepts a quote. Off-book trades
 * have no orders and no engine sequence (NULL, which the unique index lets repeat).
 */
@Entity({ tableName: 'trades' })
@Unique({ name: 'trades_bond_sequence_unique', properties: ['bond', 'sequence'] })
@Index({ name: 'trades_buyer_executed_index', properties: ['buyerParticipant', 'executedAt'] })
@Index({ name: 'trades_seller_executed_index', properties: ['sellerParticipant', 'executedAt'] })
@Index({ name: 'trades_bond_executed_index', properties: ['bond', 'executedAt'] })
@Check({
  name: 'trades_execution_mechanism_check',
  expression: `(execution_mechanism = 'CONTINUOUS' and sequence is not null and buy_order_id is not null and sell_order_id is not null and rfq_id is null) or (execution_mechanism = 'RFQ' and sequence is null and buy_order_id is null and sell_order_id is null and rfq_id is not null)`,
})
@Index({ name: 'trades_settlement_index', properties: ['settlementStatus', 'settlementDate'] })
export class Trade {
  [OptionalProps]?:
    | 'executionMechanism'
    | 'status'
    | 'version'
    | 'settlementStatus'
    | 'settlementRolls'
    | 'settledAt'
    | 'settlementDate';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  /** The per-bond journal sequence of the engine event that produced it; null off the book. */
  @Property({ type: 'bigint', nullable: true })
  sequence?: string | null;

  @ManyToOne(() => Order, { deleteRule: 'restrict', nullable: true })
  buyOrder?: Order | null;

  @ManyToOne(() => Order, { deleteRule: 'restrict', nullable: true })
  sellOrder?: Order | null;

  @Enum({
    items: () => [...EXECUTION_MECHANISMS],
    nativeEnumName: 'execution_mechanism',
    default: 'CONTINUOUS',
  })
  executionMechanism: ExecutionMechanism = 'CONTINUOUS';

  /** The RFQ an RFQ trade was done on (one trade per RFQ). */
  @OneToOne(() => Rfq, { deleteRule: 'restrict', nullable: true, owner: true })
  rfq?: Rfq | null;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  buyerParticipant!: Participant;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  sellerParticipant!: Participant;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  price!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  quantity!: string;

  /** Null for trades of an opening uncross, which have no aggressor. */
  @Enum({ items: () => [...SIDE_NAMES], nativeEnumName: 'order_side', nullable: true })
  aggressorSide?: SideName | null;

  @Property({ type: 'datetime' })
  executedAt!: Date;

  /**
   * Set on insert by the trigger `trades_settlement_date` (T+n business days of the bond's system,
   * n from `bonds.settlement_days`); a failed settlement rolls it to the next business day.
   */
  @Property({ type: 'date' })
  settlementDate!: string;

  /** ACTIVE, or BUSTED / CORRECTED by an approved correction (trade_corrections), which bumps `version`. */
  @Enum({ items: () => [...TRADE_STATUSES], nativeEnumName: 'trade_status', default: 'ACTIVE' })
  status: TradeStatus = 'ACTIVE';

  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Enum({
    items: () => [...TRADE_SETTLEMENT_STATUSES],
    nativeEnumName: 'trade_settlement_status',
    default: 'PENDING',
  })
  settlementStatus: TradeSettlementStatus = 'PENDING';

  /** How many times a failed settlement rolled it to the next business day. */
  @Property({ type: 'smallint', default: 0 })
  settlementRolls: number = 0;

  @Property({ type: 'datetime', nullable: true })
  settledAt?: Date | null;
}
