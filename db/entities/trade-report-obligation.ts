import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const TRADE_REPORT_SOURCES = ['TRADE', 'ALLOTMENT'] as const;
export type TradeReportSource = (typeof TRADE_REPORT_SOURCES)[number];
/** REJECTED: the platform refused the report after taking it; a compliance exception holds it. */
export const TRADE_REPORT_STATUSES = ['REPORT_PENDING', 'REPORTED', 'CONFIRMED', 'REJECTED'] as const;
export type TradeReportStatus = (typeof TRADE_REPORT_STATUSES)[number];

/**
 * The duty to report one version of one trade within 15 minutes of execution. Version 1 (NEW) is
 * created by a trigger on `trades` and `auction_allotments` (Migration20261125200000); an AMEND or
 * CANCEL is a further version of the same `report_id`, created by `enqueue_trade_report(...)`.
 */
@Entity({ tableName: 'trade_report_obligations' })
@Unique({
  name: 'trade_report_obligations_source_ref_version_unique',
  properties: ['source', 'tradeRef', 'version'],
})
@Index({ name: 'trade_report_obligations_status_deadline_index', properties: ['status', 'deadlineAt'] })
export class TradeReportObligation {
  [OptionalProps]?:
    | 'status'
    | 'attempts'
    | 'lastError'
    | 'record'
    | 'recordHash'
    | 'reportedAt'
    | 'confirmedAt'
    | 'ackRef'
    | 'alertedAt'
    | 'exceptionId'
    | 'createdAt'
    | 'polls';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 16 })
  source!: TradeReportSource;

  /** The trade's id, or the allotment's. */
  @Property({ type: 'string', length: 64 })
  tradeRef!: string;

  @Property({ type: 'string', length: 80 })
  reportId!: string;

  @Property({ type: 'integer' })
  version!: number;

  /** NEW, AMEND or CANCEL. */
  @Property({ type: 'string', length: 8 })
  action!: string;

  @Property({ type: 'datetime' })
  executedAt!: Date;

  @Property({ type: 'datetime' })
  deadlineAt!: Date;

  @Property({ type: 'string', length: 16, default: 'REPORT_PENDING' })
  status: TradeReportStatus = 'REPORT_PENDING';

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  /** The record as submitted (domain/compliance/reports buildTradeReportRecord). */
  @Property({ type: 'jsonb', nullable: true })
  record?: Record<string, unknown> | null;

  @Property({ type: 'string', length: 64, nullable: true })
  recordHash?: string | null;

  @Property({ type: 'datetime', nullable: true })
  reportedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  ackRef?: string | null;

  /** The platform's confirmation id. */
  @Property({ type: 'string', length: 128, nullable: true })
  confirmationId?: string | null;

  /** Where the platform answers about a report it took as pending; polled until confirmed. */
  @Property({ type: 'string', length: 2000, nullable: true })
  ackStatusUrl?: string | null;

  @Property({ type: 'datetime', nullable: true })
  nextPollAt?: Date | null;

  @Property({ type: 'integer', default: 0 })
  polls: number = 0;

  @Property({ type: 'datetime', nullable: true })
  alertedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  exceptionId?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
