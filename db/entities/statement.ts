import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Participant } from './participant';

/** A participant's statement as the daily run produced it (the JSON form; CSV and PDF render from it). */
@Entity({ tableName: 'statements' })
@Unique({ name: 'statements_participant_date_unique', properties: ['participant', 'statementDate'] })
export class Statement {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'date' })
  statementDate!: string;

  @Property({ type: 'date' })
  fromDate!: string;

  @Property({ type: 'date' })
  toDate!: string;

  @Property({ type: 'json' })
  body!: Record<string, unknown>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
