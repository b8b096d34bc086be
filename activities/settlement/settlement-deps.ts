import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../../platform/config';
import type { RecomputeTrigger } from '../../platform/queues';
import { houseRiskRecompute } from '../house-risk';

export interface SettlementActivityDeps {
  orm: MikroORM;
  log: Logger;
  temporal: Client;
  taskQueue: string;
  maxRolls: number;
  /** Business days from a payment back to its record date (the redemption's shut period starts after it). */
  recordDays: number;
  recomputeHouseRisk(participantIds: readonly number[], trigger: RecomputeTrigger): Promise<void>;
  metrics: { trades: Counter<'mode' | 'outcome'>; runs: Counter<'status'> };
}

export function settlementActivityDeps(deps: {
  orm: MikroORM;
  log: Logger;
  config: Config;
  temporal: Client;
  riskQueue: Queue;
  metrics: Registry;
}): SettlementActivityDeps {
  return {
    orm: deps.orm,
    log: deps.log.child({ area: 'settlement' }),
    temporal: deps.temporal,
    taskQueue: deps.config.temporal.taskQueue,
    maxRolls: deps.config.settlement.maxRolls,
    recordDays: deps.config.recordDateBusinessDays,
    recomputeHouseRisk: houseRiskRecompute(deps.orm, deps.riskQueue),
    metrics: {
      trades: new Counter({
        name: 'bondx_settlement_trades_total',
        help: 'Trades through settlement by mode (DVP3, DVP1) and outcome (SETTLED, FAILED)',
        labelNames: ['mode', 'outcome'],
        registers: [deps.metrics],
      }),
      runs: new Counter({
        name: 'bondx_settlement_runs_total',
        help: 'Settlement run attempts finished, by status',
        labelNames: ['status'],
        registers: [deps.metrics],
      }),
    },
  };
}
