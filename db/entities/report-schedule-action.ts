import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A compliance officer's "trigger now" or "backfill" of a report schedule, with its reason. The
 * launcher a schedule fires looks here: a period that already has a run gets a new version when one
 * of these asked for it, and is returned as it is otherwise.
 */
@Entity({ tableName: 'report_schedule_actions' })
@Index({ name: 'report_schedule_actions_schedule_index', properties: ['scheduleId', 'createdAt'] })
export class ReportScheduleAction {
  [OptionalProps]?: 'createdAt' | 'rangeStart' | 'rangeEnd' | 'consumedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 128 })
  scheduleId!: string;

  /** TRIGGER or BACKFILL. */
  @Property({ type: 'string', length: 16 })
  action!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'integer' })
  requestedBy!: number;

  /** BACKFILL: the scheduled times it covers. */
  @Property({ type: 'datetime', nullable: true })
  rangeStart?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  rangeEnd?: Date | null;

  /** TRIGGER: set by the one launch it caused. */
  @Property({ type: 'datetime', nullable: true })
  consumedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
