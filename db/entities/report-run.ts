import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** An artifact a report run stored: where, how big, and the SHA-256 that proves its content. */
export interface ReportArtifact {
  name: string;
  format: 'csv' | 'json';
  path: string;
  bytes: number;
  sha256: string;
}

export const REPORT_RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/**
 * One run of a regulatory report for a period: the workflow `report-<type>-<period>` (version 1)
 * or `...-v<n>` (a deliberate re-run with a reason; older versions stay). Who or what triggered it,
 * its parameters, progress while it runs, and at the end row counts, control totals, artifacts and
 * the gateway's acknowledgement.
 */
@Entity({ tableName: 'report_runs' })
@Unique({ name: 'report_runs_type_period_version_unique', properties: ['reportType', 'period', 'version'] })
@Index({ name: 'report_runs_created_at_index', properties: ['createdAt'] })
export class ReportRun {
  [OptionalProps]?:
    | 'status'
    | 'reason'
    | 'triggeredByUserId'
    | 'scheduleId'
    | 'scheduleActionId'
    | 'progress'
    | 'rowCounts'
    | 'controlTotals'
    | 'artifacts'
    | 'delivery'
    | 'error'
    | 'createdAt'
    | 'completedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32 })
  reportType!: string;

  /** The reporting day (IST), YYYY-MM-DD. */
  @Property({ type: 'string', length: 16 })
  period!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 128, unique: true })
  workflowId!: string;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** USER, SCHEDULE or BACKFILL. */
  @Property({ type: 'string', length: 16 })
  triggerKind!: string;

  @Property({ type: 'integer', nullable: true })
  triggeredByUserId?: number | null;

  @Property({ type: 'string', length: 128, nullable: true })
  scheduleId?: string | null;

  @Property({ type: 'integer', nullable: true })
  scheduleActionId?: number | null;

  @Property({ type: 'jsonb' })
  parameters!: Record<string, unknown>;

  @Property({ type: 'string', length: 16, default: 'RUNNING' })
  status: ReportRunStatus = 'RUNNING';

  /** `{stage, done, total}` while it runs. */
  @Property({ type: 'jsonb', nullable: true })
  progress?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  rowCounts?: Record<string, number> | null;

  @Property({ type: 'jsonb', nullable: true })
  controlTotals?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  artifacts?: ReportArtifact[] | null;

  /** The reporting gateway's acknowledgement. */
  @Property({ type: 'jsonb', nullable: true })
  delivery?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
