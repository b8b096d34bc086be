import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The outcome of one pre-trade regulatory check of an order or a bid, passed or not: the evidence
 * the RBI FPI report counts (checked, rejected by reason, overridden).
 */
@Entity({ tableName: 'regulatory_check_records' })
@Index({ name: 'regulatory_check_records_checked_at_index', properties: ['checkedAt'] })
export class RegulatoryCheckRecord {
  [OptionalProps]?: 'checkedAt' | 'overridden' | 'fpiCategory' | 'reasons';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** ORDER, BID, RFQ_QUOTE (a dealer's quote) or RFQ_ACCEPT (either side of an accepted quote). */
  @Property({ type: 'string', length: 16 })
  subjectType!: string;

  @Property({ type: 'integer' })
  participantId!: number;

  @Property({ type: 'integer' })
  bondId!: number;

  @Property({ type: 'string', length: 4 })
  side!: string;

  @Property({ type: 'decimal', precision: 24, scale: 0 })
  faceValuePaise!: string;

  @Property({ type: 'boolean' })
  isFpi!: boolean;

  @Property({ type: 'string', length: 16, nullable: true })
  fpiCategory?: string | null;

  @Property({ type: 'boolean' })
  passed!: boolean;

  /** The rejection reasons, comma-separated; null when passed. */
  @Property({ type: 'string', length: 200, nullable: true })
  reasons?: string | null;

  @Property({ type: 'boolean', default: false })
  overridden: boolean = false;

  @Property({ type: 'jsonb' })
  outcomes!: unknown[];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  checkedAt: Date = new Date();
}
