import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { YieldCurve } from './yield-curve';

/**
 * One published value: a curve's yield at one tenor on one date. A tenor with no value that day
 * has no row (gaps are never filled). The unique key (curve, date, tenor) also serves reads of
 * whole curves over a date range; the second index serves one tenor's history.
 */
@Entity({ tableName: 'yield_curve_points' })
@Unique({
  name: 'yield_curve_points_curve_date_tenor_unique',
  properties: ['curve', 'observationDate', 'tenorMonths'],
})
@Index({
  name: 'yield_curve_points_curve_tenor_date_index',
  properties: ['curve', 'tenorMonths', 'observationDate'],
})
export class YieldCurvePoint {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => YieldCurve, { deleteRule: 'cascade' })
  curve!: YieldCurve;

  @Property({ type: 'date' })
  observationDate!: string;

  @Property({ type: 'smallint' })
  tenorMonths!: number;

  /** Percent (7.94 = 7.94%), read as a string so nothing passes through a float. */
  @Property({ type: 'decimal', precision: 9, scale: 4 })
  yieldPct!: string;
}
