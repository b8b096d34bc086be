import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { EXECUTION_MECHANISMS, type ExecutionMechanism } from '../../domain/rfq/execution-mechanism';
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
export class Trade {
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
}
