import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import {
  ORDER_STATUSES,
  ORDER_TYPE_NAMES,
  SIDE_NAMES,
  STP_MODE_NAMES,
  TIME_IN_FORCE_NAMES,
  type OrderStatus,
  type OrderTypeName,
  type SideName,
  type StpModeName,
  type TimeInForceName,
} from '../../domain/trading/order-names';
import { Bond } from './bond';
import { Participant } from './participant';
import { User } from './user';

/**
 * An order on the trading venue. The API inserts it (PENDING_NEW) in the same statement as its NEW
 * command; the matching worker alone changes its state afterwards, in its group commits.
 * Quantities are rupees of face value, prices clean per 100. `engineId` is the id of the NEW
 * command, which the engine uses as its numeric order id.
 */
@Entity({ tableName: 'orders' })
@Unique({ name: 'orders_participant_client_order_id_unique', properties: ['participant', 'clientOrderId'] })
@Index({ name: 'orders_participant_created_index', properties: ['participant', 'createdAt'] })
@Index({ name: 'orders_bond_status_index', properties: ['bond', 'status'] })
export class Order {
  [OptionalProps]?:
    | 'clientOrderId'
    | 'price'
    | 'stopPrice'
    | 'displayQuantity'
    | 'postOnly'
    | 'expireTime'
    | 'filledQuantity'
    | 'status'
    | 'rejectReason'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'bigint', unique: true })
  engineId!: string;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  user!: User;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Property({ type: 'string', length: 64, nullable: true })
  clientOrderId?: string | null;

  @Enum({ items: () => [...SIDE_NAMES], nativeEnumName: 'order_side' })
  side!: SideName;

  @Enum({ items: () => [...ORDER_TYPE_NAMES], nativeEnumName: 'order_type' })
  orderType!: OrderTypeName;

  @Enum({ items: () => [...TIME_IN_FORCE_NAMES], nativeEnumName: 'time_in_force' })
  timeInForce!: TimeInForceName;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  price?: string | null;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  stopPrice?: string | null;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  quantity!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2, nullable: true })
  displayQuantity?: string | null;

  @Property({ type: 'boolean', default: false })
  postOnly: boolean = false;

  @Enum({ items: () => [...STP_MODE_NAMES], nativeEnumName: 'stp_mode' })
  stpMode!: StpModeName;

  @Property({ type: 'datetime', nullable: true })
  expireTime?: Date | null;

  @Property({ type: 'decimal', precision: 20, scale: 2, default: 0 })
  filledQuantity: string = '0';

  @Enum({ items: () => [...ORDER_STATUSES], nativeEnumName: 'order_status', default: 'PENDING_NEW' })
  status: OrderStatus = 'PENDING_NEW';

  /** Why the engine rejected, cancelled or expired it (e.g. SELF_TRADE, BOOK_HALTED). */
  @Property({ type: 'string', length: 32, nullable: true })
  rejectReason?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
