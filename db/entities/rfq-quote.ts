import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import {
  QUOTE_BASES,
  RFQ_QUOTE_STATES,
  type QuoteBasis,
  type RfqQuoteState,
} from '../../domain/rfq/rfq-rules';
import { Participant } from './participant';
import { Rfq } from './rfq';

/**
 * A dealer's answer to an RFQ: a clean price per 100 (and the yield it came from, when quoted on
 * yield). A new quote from the same dealer replaces its active one (REPLACED), so each dealer has at
 * most one ACTIVE quote (a partial unique index).
 */
@Entity({ tableName: 'rfq_quotes' })
@Index({ name: 'rfq_quotes_rfq_index', properties: ['rfq'] })
@Unique({
  name: 'rfq_quotes_active_dealer_unique',
  expression:
    'create unique index "rfq_quotes_active_dealer_unique" on "rfq_quotes" ("rfq_id", "dealer_participant_id") where "state" = \'ACTIVE\'',
})
export class RfqQuote {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt' | 'yieldPct';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Rfq, { deleteRule: 'cascade' })
  rfq!: Rfq;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  dealerParticipant!: Participant;

  @Property({ type: 'integer' })
  dealerUserId!: number;

  @Enum({ items: () => [...QUOTE_BASES], nativeEnumName: 'rfq_quote_basis' })
  basis!: QuoteBasis;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  price!: string;

  @Property({ type: 'decimal', precision: 9, scale: 4, nullable: true })
  yieldPct?: string | null;

  @Enum({ items: () => [...RFQ_QUOTE_STATES], nativeEnumName: 'rfq_quote_state', default: 'ACTIVE' })
  state: RfqQuoteState = 'ACTIVE';

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
