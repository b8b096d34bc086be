import {
  BigIntType,
  Entity,
  Index,
  ManyToOne,
  OneToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { Auction } from './auction';
import { AuctionBid } from './auction-bid';
import { Participant } from './participant';

/** The clearing's answer for one bid: what it was allotted and what it pays (money in rupees). */
@Entity({ tableName: 'auction_allotments' })
@Index({ name: 'auction_allotments_auction_participant_index', properties: ['auction', 'participant'] })
export class AuctionAllotment {
  [OptionalProps]?: 'pricePaid' | 'rejectionReason';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // The bid's auction and participant, keyed through the bid alone (Migration20261127500000): a
  // clearing would otherwise pay three foreign-key checks per line.
  @ManyToOne(() => Auction, { createForeignKeyConstraint: false })
  auction!: Auction;

  @OneToOne(() => AuctionBid, {
    owner: true,
    deleteRule: 'cascade',
    unique: 'auction_allotments_bid_id_unique',
  })
  bid!: AuctionBid;

  @ManyToOne(() => Participant, { createForeignKeyConstraint: false })
  participant!: Participant;

  @Property({ type: 'string', length: 16 })
  outcome!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  rejectionReason?: string | null;

  @Property({ type: new BigIntType('number') })
  bidAmount!: number;

  @Property({ type: new BigIntType('number') })
  cappedAmount!: number;

  @Property({ type: new BigIntType('number') })
  allottedAmount!: number;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  pricePaid?: string | null;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  consideration!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  accruedInterest!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  settlementAmount!: string;
}
