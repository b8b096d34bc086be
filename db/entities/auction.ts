import {
  BigIntType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { Bond } from './bond';

export const AUCTION_TYPES = ['DUTCH', 'SEALED_BID', 'ENGLISH', 'MULTI_ROUND', 'HYBRID'] as const;
export const BID_BASES = ['PRICE', 'YIELD'] as const;
export const PRICING_RULES = ['UNIFORM', 'MULTIPLE'] as const;
export const AUCTION_STATES = [
  'SCHEDULED',
  'BIDDING',
  'CLOSED',
  'CLEARED',
  'SETTLING',
  'SETTLED',
  'CANCELLED',
  'FAILED',
] as const;
export type AuctionState = (typeof AUCTION_STATES)[number];

/**
 * One primary auction of a bond. The row is the record of the auction's terms and its state; the
 * workflow `auction-<auction_code>` drives the state, and bids are inserted only while the row says
 * BIDDING (the insert locks the row, so a close and a bid never interleave). Amounts are rupees of
 * face value; prices per 100 and yields in percent.
 */
@Entity({ tableName: 'auctions' })
@Index({ name: 'auctions_state_index', properties: ['state'] })
export class Auction {
  [OptionalProps]?:
    | 'pricingRule'
    | 'reservePrice'
    | 'maxYield'
    | 'nonCompetitivePct'
    | 'greenshoeAmount'
    | 'maxBidderPct'
    | 'newIssue'
    | 'minIncrement'
    | 'extensionSeconds'
    | 'roundSeconds'
    | 'maxRounds'
    | 'finalists'
    | 'manualProcessing'
    | 'settlementDate'
    | 'settlementDelaySeconds'
    | 'state'
    | 'currentRound'
    | 'clockState'
    | 'roundResults'
    | 'acceptedAmount'
    | 'result'
    | 'failureReason'
    | 'createdAt'
    | 'updatedAt'
    | 'closedAt'
    | 'clearedAt'
    | 'settledAt'
    | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  auctionCode!: string;

  @Property({ type: 'string', length: 200 })
  auctionName!: string;

  @Enum({ items: () => [...AUCTION_TYPES], nativeEnumName: 'auction_type' })
  auctionType!: (typeof AUCTION_TYPES)[number];

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Enum({ items: () => [...BID_BASES], nativeEnumName: 'auction_bid_basis' })
  bidBasis!: (typeof BID_BASES)[number];

  @Enum({ items: () => [...PRICING_RULES], nativeEnumName: 'auction_pricing_rule', nullable: true })
  pricingRule?: (typeof PRICING_RULES)[number] | null;

  @Property({ type: new BigIntType('number') })
  totalLotSize!: number;

  @Property({ type: new BigIntType('number') })
  minimumLotSize!: number;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  reservePrice?: string | null;

  @Property({ type: 'decimal', precision: 9, scale: 4, nullable: true })
  maxYield?: string | null;

  @Property({ type: 'decimal', precision: 7, scale: 4, default: '0' })
  nonCompetitivePct: string = '0';

  @Property({ type: new BigIntType('number'), default: 0 })
  greenshoeAmount: number = 0;

  @Property({ type: 'decimal', precision: 7, scale: 4, nullable: true })
  maxBidderPct?: string | null;

  @Property({ type: 'boolean', default: false })
  newIssue: boolean = false;

  /** ENGLISH: the step a new best bid must beat; HYBRID: the clock's step. */
  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  minIncrement?: string | null;

  /** ENGLISH soft close. */
  @Property({ type: 'integer', nullable: true })
  extensionSeconds?: number | null;

  /** MULTI_ROUND rounds and HYBRID clock rounds. */
  @Property({ type: 'integer', nullable: true })
  roundSeconds?: number | null;

  @Property({ type: 'integer', nullable: true })
  maxRounds?: number | null;

  /** HYBRID: the clock stops once at most this many bidders remain. */
  @Property({ type: 'integer', nullable: true })
  finalists?: number | null;

  @Property({ type: 'boolean', default: false })
  manualProcessing: boolean = false;

  @Property({ type: 'datetime' })
  biddingStartTime!: Date;

  @Property({ type: 'datetime' })
  biddingEndTime!: Date;

  /** When bidding ends or ended: moves with ENGLISH soft closes and MULTI_ROUND / HYBRID rounds. */
  @Property({ type: 'datetime' })
  effectiveEndTime!: Date;

  /** Given at creation, or T+1 business day from the clearing date. */
  @Property({ type: 'date', nullable: true })
  settlementDate?: string | null;

  /** Settles this long after clearing instead of on the settlement date (short test auctions). */
  @Property({ type: 'integer', nullable: true })
  settlementDelaySeconds?: number | null;

  @Enum({ items: () => [...AUCTION_STATES], nativeEnumName: 'auction_state', default: 'SCHEDULED' })
  state: AuctionState = 'SCHEDULED';

  /** MULTI_ROUND round or HYBRID clock round in progress; 0 before bidding. */
  @Property({ type: 'integer', default: 0 })
  currentRound: number = 0;

  /** HYBRID: the clock as domain/auctions HybridClockState. */
  @Property({ type: 'jsonb', nullable: true })
  clockState?: Record<string, unknown> | null;

  /** MULTI_ROUND: the provisional cut-off published after each round. */
  @Property({ type: 'jsonb', default: '[]' })
  roundResults: Record<string, unknown>[] = [];

  /** What the issuer accepted at processing (notified amount unless given). */
  @Property({ type: new BigIntType('number'), nullable: true })
  acceptedAmount?: number | null;

  /** The public clearing summary (cut-off, averages, bid-to-cover). */
  @Property({ type: 'jsonb', nullable: true })
  result?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  @Property({ type: 'string', length: 128 })
  workflowId!: string;

  @Property({ type: 'integer' })
  createdBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  clearedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  settledAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}
