import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { BOND_TYPES, type BondType } from '../../domain/reference-data/bond-types';

/**
 * A participant's configured position limit (COMPLIANCE_OFFICER or ADMIN): on one bond, on every
 * bond of a type, or on every bond (neither set). The most specific one applies; a null side is no
 * limit on that side. `scopeKey` makes the scope unique per participant (ALL, TYPE:<type>, BOND:<id>).
 */
@Entity({ tableName: 'position_limits' })
@Unique({ name: 'position_limits_participant_scope_unique', properties: ['participantId', 'scopeKey'] })
export class PositionLimit {
  [OptionalProps]?: 'bondId' | 'bondType' | 'maxLongPaise' | 'maxShortPaise' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  participantId!: number;

  @Property({ type: 'integer', nullable: true })
  bondId?: number | null;

  @Enum({ items: () => [...BOND_TYPES], nativeEnumName: 'bond_type', nullable: true })
  bondType?: BondType | null;

  @Property({ type: 'string', length: 40 })
  scopeKey!: string;

  /** Most face value the participant may hold long, paise. */
  @Property({ type: 'decimal', precision: 24, scale: 0, nullable: true })
  maxLongPaise?: string | null;

  /** Most face value the participant may be short, paise. */
  @Property({ type: 'decimal', precision: 24, scale: 0, nullable: true })
  maxShortPaise?: string | null;

  @Property({ type: 'integer' })
  updatedBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
