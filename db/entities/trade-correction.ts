import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { CORRECTION_KINDS, type CorrectionKind } from '../../domain/settlement/trade-correction';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../domain/settlement/trade-states';
import { Trade } from './trade';

/**
 * A bust or a price/quantity correction of a trade, requested by OPERATIONS with a reason and
 * applied only when a different COMPLIANCE_OFFICER approves. `fromVersion` -> `toVersion` is the
 * trade version it replaced (the AMEND / CANCEL report versions follow these).
 */
@Entity({ tableName: 'trade_corrections' })
@Index({ name: 'trade_corrections_trade_id_index', properties: ['trade'] })
@Unique({
  name: 'trade_corrections_one_pending_unique',
  expression:
    'create unique index "trade_corrections_one_pending_unique" on "trade_corrections" ("trade_id") where "status" = \'PENDING_APPROVAL\'',
})
export class TradeCorrection {
  [OptionalProps]?:
    | 'status'
    | 'newPrice'
    | 'newQuantity'
    | 'toVersion'
    | 'requestedAt'
    | 'decidedBy'
    | 'decidedAt'
    | 'decisionComment';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Trade, { deleteRule: 'restrict' })
  trade!: Trade;

  @Enum({ items: () => [...CORRECTION_KINDS], nativeEnumName: 'trade_correction_kind' })
  kind!: CorrectionKind;

  @Enum({
    items: () => [...CORRECTION_STATUSES],
    nativeEnumName: 'trade_correction_status',
    default: 'PENDING_APPROVAL',
  })
  status: CorrectionStatus = 'PENDING_APPROVAL';

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4 })
  oldPrice!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2 })
  oldQuantity!: string;

  @Property({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  newPrice?: string | null;

  @Property({ type: 'decimal', precision: 20, scale: 2, nullable: true })
  newQuantity?: string | null;

  @Property({ type: 'integer' })
  fromVersion!: number;

  @Property({ type: 'integer', nullable: true })
  toVersion?: number | null;

  @Property({ type: 'integer' })
  requestedBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  requestedAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  decidedBy?: number | null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  decisionComment?: string | null;
}
