import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import {
  BOND_TYPES,
  ISSUER_TYPES,
  type BondType,
  type DayCount,
  type IssuerType,
} from '../../domain/reference-data/bond-types';

// Amounts and rates are NUMERIC columns read as strings, so nothing passes through a float.
@Entity({ tableName: 'bonds' })
export class Bond {
  [OptionalProps]?:
    | 'isTradable'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'rating'
    | 'referenceYieldPct'
    | 'referencePrice'
    | 'settlementDays';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 12, unique: true })
  isin!: string;

  @Property({ type: 'string', length: 32, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 200 })
  issuer!: string;

  @Enum({ items: () => [...ISSUER_TYPES], nativeEnumName: 'issuer_type' })
  issuerType!: IssuerType;

  @Enum({ items: () => [...BOND_TYPES], nativeEnumName: 'bond_type' })
  bondType!: BondType;

  @Property({ type: 'decimal', precision: 9, scale: 4 })
  couponPct!: string;

  @Property({ type: 'date' })
  issueDate!: string;

  @Property({ type: 'date' })
  maturityDate!: string;

  @Property({ type: 'smallint' })
  couponFrequency!: number;

  @Property({ type: 'string', length: 16 })
  dayCount!: DayCount;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  faceValue!: string;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  lotSize!: string;

  @Property({ type: 'decimal', precision: 9, scale: 4 })
  tickSize!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  rating?: string | null;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  outstandingAmount!: string;

  @Property({ type: 'decimal', precision: 9, scale: 4, nullable: true })
  referenceYieldPct?: string | null;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  referencePrice?: string | null;

  @Property({ type: 'boolean', default: true })
  isTradable: boolean = true;

  /** The settlement cycle: T+1 business day by default, 0 for a bond configured to settle T+0. */
  @Property({ type: 'smallint', default: 1 })
  settlementDays: number = 1;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
