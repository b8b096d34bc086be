import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { SURVEILLANCE_RULES, type SurveillanceRule } from '../../domain/surveillance/rules';

/**
 * One detection of a surveillance rule with its evidence (orders, trades, times, the thresholds),
 * kept for compliance; `dedupKey` makes a rescan of the same pattern find the alert it already raised.
 */
@Entity({ tableName: 'surveillance_alerts' })
@Index({ name: 'surveillance_alerts_detected_at_index', properties: ['detectedAt'] })
export class SurveillanceAlert {
  [OptionalProps]?: 'bondId' | 'participantId' | 'exceptionId' | 'detectedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...SURVEILLANCE_RULES], nativeEnumName: 'surveillance_rule' })
  rule!: SurveillanceRule;

  @Property({ type: 'string', length: 16 })
  severity!: string;

  @Property({ type: 'integer', nullable: true })
  bondId?: number | null;

  @Property({ type: 'integer', nullable: true })
  participantId?: number | null;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json' })
  evidence!: Record<string, unknown>;

  @Property({ type: 'string', length: 200, unique: true })
  dedupKey!: string;

  /** The compliance exception opened for it. */
  @Property({ type: 'integer', nullable: true })
  exceptionId?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  detectedAt: Date = new Date();
}
