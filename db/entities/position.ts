import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Bond } from './bond';
import { Portfolio } from './portfolio';

/**
 * A holding of one bond in one portfolio: `quantity` is rupees of face value (negative for a
 * short), a non-zero multiple of the bond's lot size; `averagePrice` is clean per 100.
 */
@Entity({ tableName: 'positions' })
@Unique({ name: 'positions_portfolio_bond_unique', properties: ['portfolio', 'bond'] })
export class Position {
  [OptionalProps]?: 'averagePrice' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Portfolio;

  @ManyToOne(() => Bond, { deleteRule: 'restrict' })
  bond!: Bond;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  quantity!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  averagePrice?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
