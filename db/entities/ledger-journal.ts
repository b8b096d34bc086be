import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One balanced movement of cash and securities (append-only). `reference` is the business key of
 * the movement (e.g. `auction:12:participant:3:securities`), unique, so a retried posting is a no-op.
 */
@Entity({ tableName: 'ledger_journals' })
export class LedgerJournal {
  [OptionalProps]?: 'postedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 160, unique: true })
  reference!: string;

  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  postedAt: Date = new Date();
}
