import { Entity, Enum, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SETTLEMENT_SYSTEMS, type SettlementSystem } from '../../domain/calendar/settlement-systems';
import type { SettlementMode } from '../../domain/settlement/settlement-cycle';
import {
  SETTLEMENT_MODES,
  SETTLEMENT_RUN_STATUSES,
  type SettlementRunStatus,
} from '../../domain/settlement/trade-states';

/**
 * One system's settlement of one date, run by the workflow `settlement-<system>-<date>`. A retry by
 * operations is a new `attempt` of the same run; `round` is the last netting round computed
 * (DvP-III re-nets after a participant's block fails).
 */
@Entity({ tableName: 'settlement_runs' })
@Unique({ name: 'settlement_runs_system_date_unique', properties: ['settlementSystem', 'settlementDate'] })
export class SettlementRun {
  [OptionalProps]?: 'status' | 'attempt' | 'round' | 'startedBy' | 'startedAt' | 'finishedAt' | 'summary';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Enum({ items: () => [...SETTLEMENT_SYSTEMS], nativeEnumName: 'settlement_system' })
  settlementSystem!: SettlementSystem;

  @Property({ type: 'date' })
  settlementDate!: string;

  @Enum({ items: () => [...SETTLEMENT_MODES], nativeEnumName: 'settlement_mode' })
  mode!: SettlementMode;

  @Property({ type: 'string', length: 100 })
  workflowId!: string;

  @Enum({
    items: () => [...SETTLEMENT_RUN_STATUSES],
    nativeEnumName: 'settlement_run_status',
    default: 'RUNNING',
  })
  status: SettlementRunStatus = 'RUNNING';

  @Property({ type: 'integer', default: 1 })
  attempt: number = 1;

  @Property({ type: 'integer', default: 0 })
  round: number = 0;

  /** The OPERATIONS user who started or retried it; null when the daily launcher did. */
  @Property({ type: 'integer', nullable: true })
  startedBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  startedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  /** Counts, failed participants with their shortfalls, rolled and closed-out trades. */
  @Property({ type: 'json', nullable: true })
  summary?: Record<string, unknown> | null;
}
