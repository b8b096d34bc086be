import { Entity, Index, ManyToOne, PrimaryKey, Unique } from '@mikro-orm/core';
import { Participant } from './participant';
import { Rfq } from './rfq';

/** A dealer an RFQ was sent to: the only members besides the requester who may see it. */
@Entity({ tableName: 'rfq_dealers' })
@Unique({ name: 'rfq_dealers_rfq_participant_unique', properties: ['rfq', 'participant'] })
@Index({ name: 'rfq_dealers_participant_index', properties: ['participant'] })
export class RfqDealer {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Rfq, { deleteRule: 'cascade' })
  rfq!: Rfq;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;
}
