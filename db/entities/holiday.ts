import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SETTLEMENT_SYSTEMS, type SettlementSystem } from '../../domain/calendar/settlement-systems';

/** A day on which one settlement system does not settle (weekends are never stored). */
@Entity({ tableName: 'holidays' })
@Unique({ name: 'holidays_system_date_unique', properties: ['settlementSystem', 'date'] })
export class Holiday {
  [OptionalProps]?: 'createdAt' | 'createdBy';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...SETTLEMENT_SYSTEMS], nativeEnumName: 'settlement_system' })
  settlementSystem!: SettlementSystem;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** The user who loaded it; null for the seed. */
  @Property({ type: 'integer', nullable: true })
  createdBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
