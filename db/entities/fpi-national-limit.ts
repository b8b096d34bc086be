import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The RBI's published FPI national limit and utilisation of one category on one date, as uploaded
 * (ADMIN CSV). Pre-trade checks and the FPI report read the latest date of each category.
 */
@Entity({ tableName: 'fpi_national_limits' })
@Unique({ name: 'fpi_national_limits_as_of_category_unique', properties: ['asOf', 'category'] })
export class FpiNationalLimit {
  [OptionalProps]?: 'uploadedAt' | 'limitPaise' | 'uploadedBy';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'date' })
  asOf!: string;

  @Property({ type: 'string', length: 16 })
  category!: string;

  /** Null: no limit (FAR). */
  @Property({ type: 'decimal', precision: 24, scale: 0, nullable: true })
  limitPaise?: string | null;

  @Property({ type: 'decimal', precision: 24, scale: 0 })
  utilisedPaise!: string;

  /** Null for the stand-in figures the demo seed loads. */
  @Property({ type: 'integer', nullable: true })
  uploadedBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  uploadedAt: Date = new Date();
}
