import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Participant } from './participant';

export const PORTFOLIO_KINDS = ['HOUSE', 'WHAT_IF'] as const;
export type PortfolioKind = (typeof PORTFOLIO_KINDS)[number];

/**
 * A participant's book of positions. HOUSE is the participant's own book (one per member, kept by
 * the venue from fills and allotments); WHAT_IF portfolios are hypothetical books clients edit.
 */
@Entity({ tableName: 'portfolios' })
@Unique({ name: 'portfolios_participant_name_unique', properties: ['participant', 'name'] })
@Unique({
  name: 'portfolios_one_house_per_participant',
  expression:
    'create unique index "portfolios_one_house_per_participant" on "portfolios" ("participant_id") where "kind" = \'HOUSE\'',
})
export class Portfolio {
  [OptionalProps]?: 'baseCurrency' | 'description' | 'createdAt' | 'updatedAt' | 'version' | 'createdBy';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Participant, { deleteRule: 'restrict' })
  participant!: Participant;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => [...PORTFOLIO_KINDS], nativeEnumName: 'portfolio_kind' })
  kind!: PortfolioKind;

  @Property({ type: 'string', length: 3, default: 'INR' })
  baseCurrency: string = 'INR';

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The user who created it; null for portfolios the venue creates (HOUSE). */
  @Property({ type: 'integer', nullable: true })
  createdBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
