import {
  BigIntType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Auction } from './auction';
import { Participant } from './participant';

export const BID_STATUSES = [
  'ACTIVE',
  'WITHDRAWN',
  'ALLOTTED',
  'PARTIALLY_ALLOTTED',
  'NOT_ALLOTTED',
  'REJECTED',
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/**
 * A bid, kept here and never in workflow history. Competitive bids carry a price (PRICE basis) or a
 * yield (YIELD basis); non-competitive ones neither. `round` is the MULTI_ROUND round or HYBRID clock
 * round the bid was last confirmed in. `requestHash` makes a repeated submission idempotent.
 */
@Entity({ tableName: 'auction_bids' })
@Unique({ name: 'auction_bids_participant_client_bid_id_unique', properties: ['participant', 'clientBidId'] })
@Index({ name: 'auction_bids_auction_status_index', properties: ['auction', 'status'] })
export class AuctionBid {
  [OptionalProps]?:
    | 'price'
    | 'yieldPct'
    | 'isNonCompetitive'
    | 'status'
    | 'round'
    | 'createdAt'
    | 'modifiedAt'
    | 'withdrawnAt'
    | 'version';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Auction, { deleteRule: 'cascade' })
  auction!: Auction;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 64 })
  clientBidId!: string;

  @Property({ type: 'boolean', default: false })
  isNonCompetitive: boolean = false;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  price?: string | null;

  @Property({ type: 'decimal', precision: 9, scale: 4, nullable: true })
  yieldPct?: string | null;

  @Property({ type: new BigIntType('number') })
  amount!: number;

  @Enum({ items: () => [...BID_STATUSES], nativeEnumName: 'auction_bid_status', default: 'ACTIVE' })
  status: BidStatus = 'ACTIVE';

  @Property({ type: 'integer', default: 1 })
  round: number = 1;

  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'integer' })
  submittedBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  modifiedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}
