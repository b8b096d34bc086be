import {
  BigIntType,
  Entity,
  Enum,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Auction } from './auction';
import { Participant } from './participant';

export const SETTLEMENT_STATUSES = [
  'PENDING',
  'FUNDS_BLOCKED',
  'SECURITIES_DELIVERED',
  'SETTLED',
  'FAILED',
] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/**
 * One allottee's delivery-versus-payment obligation in an auction: face to receive and cash to pay.
 * Each settlement leg moves the row forward with a conditional update, so a retried leg is a no-op.
 * FAILED names the leg that failed and why; the legs already done were compensated.
 */
@Entity({ tableName: 'auction_settlements' })
@Unique({ name: 'auction_settlements_auction_participant_unique', properties: ['auction', 'participant'] })
export class AuctionSettlement {
  [OptionalProps]?: 'status' | 'failedLeg' | 'failureReason' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Auction, { deleteRule: 'cascade' })
  auction!: Auction;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: new BigIntType('number') })
  faceAmount!: number;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  cashAmount!: string;

  @Enum({ items: () => [...SETTLEMENT_STATUSES], nativeEnumName: 'settlement_status', default: 'PENDING' })
  status: SettlementStatus = 'PENDING';

  @Property({ type: 'string', length: 32, nullable: true })
  failedLeg?: string | null;

  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
