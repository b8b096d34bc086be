import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SIDE_NAMES, type SideName } from '../../domain/trading/order-names';
import { Bond } from './bond';
import { Order } from './order';
import { Participant } from './participant';

/** One execution, written by the matching worker in the group commit that journals it. */
@Entity({ tableName: 'trades' })
@Unique({ name: 'trades_bond_sequence_unique', properties: ['bond', 'sequence'] })
@Index({ name: 'trades_buyer_executed_index', properties: ['buyerParticipant', 'executedAt'] })
@Index({ name: 'trades_seller_executed_index', properties: ['sellerParticipant', 'executedAt'] })
@Index({ name: 'trades_bond_executed_index', properties: ['bond', 'executedAt'] })
export class Trade {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  /** The per-bond journal sequence of the engine event that produced it. */
  @Property({ type: 'bigint' })
  sequence!: string;

  @ManyToOne(() => Order, { deleteRule: 'restrict' })
  buyOrder!: Order;

  @ManyToOne(() => Order, { deleteRule: 'restrict' })
  sellOrder!: Order;

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
