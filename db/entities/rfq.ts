import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { RFQ_STATES, type RfqState } from '../../domain/rfq/rfq-rules';
import { SIDE_NAMES, type SideName } from '../../domain/trading/order-names';
import { Bond } from './bond';
import { Participant } from './participant';

/**
 * A request for quote: a member asks chosen dealers (`rfq_dealers`) for a price on `quantity` of a
 * bond, to `side` (the requester's side), until `expires_at`. The row is the record; the workflow
 * `rfq-<id>` owns the window's timer. Every step is a conditional change under the row's lock.
 */
@Entity({ tableName: 'rfqs' })
@Index({ name: 'rfqs_requester_created_index', properties: ['requesterParticipant', 'createdAt'] })
export class Rfq {
  [OptionalProps]?: 'state' | 'createdAt' | 'closedAt' | 'acceptedQuoteId' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  requesterParticipant!: Participant;

  @Property({ type: 'integer' })
  requesterUserId!: number;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Enum({ items: () => [...SIDE_NAMES], nativeEnumName: 'order_side' })
  side!: SideName;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  quantity!: string;

  @Enum({ items: () => [...RFQ_STATES], nativeEnumName: 'rfq_state', default: 'OPEN' })
  state: RfqState = 'OPEN';

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  acceptedQuoteId?: string | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}
