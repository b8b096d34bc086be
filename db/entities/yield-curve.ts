import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A named yield-curve history (e.g. `UST_PAR`). Its points are in yield_curve_points, written in
 * bulk by db/market-data/load-curve.ts rather than through the unit of work.
 */
@Entity({ tableName: 'yield_curves' })
export class YieldCurve {
  [OptionalProps]?: 'createdAt' | 'isStandIn' | 'description';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** ISO 4217, e.g. USD or INR. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** Where the numbers come from (publisher and series), for anyone relying on them. */
  @Property({ type: 'string', length: 500 })
  source!: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** True when the curve only stands in for the one BondX should use (a US curve for an INR one). */
  @Property({ type: 'boolean', default: false })
  isStandIn: boolean = false;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
