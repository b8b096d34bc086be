import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { RECOMPUTE_TRIGGERS, type RecomputeTrigger } from '../../platform/queues';
import { Portfolio } from './portfolio';

/** REQUEST: asked for through the API with its own parameters; otherwise an automatic recomputation. */
export const RISK_RUN_TRIGGERS = ['REQUEST', ...RECOMPUTE_TRIGGERS] as const;
export type RiskRunTrigger = 'REQUEST' | RecomputeTrigger;

export const RISK_RUN_METHODS = ['HISTORICAL_SIMULATION', 'PARAMETRIC', 'MONTE_CARLO'] as const;
export type RiskRunMethod = (typeof RISK_RUN_METHODS)[number];
/** How scenario methods turn a curve move into P&L (domain/risk Revaluation). */
export const RISK_RUN_REVALUATIONS = ['FULL_REVALUATION', 'DELTA_GAMMA'] as const;
export type RiskRunRevaluation = (typeof RISK_RUN_REVALUATIONS)[number];
export const RISK_RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RiskRunStatus = (typeof RISK_RUN_STATUSES)[number];

/**
 * One request to compute a portfolio's risk: created QUEUED by the API, computed by the risk worker
 * (RUNNING, then COMPLETED with `result` or FAILED with `error`). `errorField` names the request
 * field when the failure was bad input (answered as 422).
 */
@Entity({ tableName: 'risk_runs' })
@Index({ name: 'risk_runs_portfolio_status_created_index', properties: ['portfolio', 'status', 'createdAt'] })
export class RiskRun {
  [OptionalProps]?:
    | 'status'
    | 'trigger'
    | 'requestedBy'
    | 'revaluation'
    | 'result'
    | 'decomposition'
    | 'error'
    | 'errorField'
    | 'simulations'
    | 'seed'
    | 'createdAt'
    | 'completedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Portfolio;

  @Enum({ items: () => [...RISK_RUN_METHODS], nativeEnumName: 'risk_run_method' })
  method!: RiskRunMethod;

  @Enum({
    items: () => [...RISK_RUN_REVALUATIONS],
    nativeEnumName: 'risk_run_revaluation',
    default: 'FULL_REVALUATION',
  })
  revaluation: RiskRunRevaluation = 'FULL_REVALUATION';

  @Property({ type: 'decimal', precision: 12, scale: 10 })
  confidenceLevel!: string;

  @Property({ type: 'integer' })
  timeHorizon!: number;

  @Property({ type: 'integer' })
  lookbackDays!: number;

  @Property({ type: 'integer', nullable: true })
  simulations?: number | null;

  @Property({ type: 'bigint', nullable: true })
  seed?: string | null;

  @Enum({ items: () => [...RISK_RUN_STATUSES], nativeEnumName: 'risk_run_status', default: 'QUEUED' })
  status: RiskRunStatus = 'QUEUED';

  @Property({ type: 'jsonb', nullable: true })
  result?: Record<string, unknown> | null;

  /** By position and by factor, from the same scenarios as `result`; lazy, as it grows with the book. */
  @Property({ type: 'jsonb', nullable: true, lazy: true })
  decomposition?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  errorField?: string | null;

  @Enum({ items: () => [...RISK_RUN_TRIGGERS], nativeEnumName: 'risk_run_trigger', default: 'REQUEST' })
  trigger: RiskRunTrigger = 'REQUEST';

  /** The user who asked; null for an automatic recomputation. */
  @Property({ type: 'integer', nullable: true })
  requestedBy?: number | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
