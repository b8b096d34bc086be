import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../platform/config';
import type { Redis } from '../platform/redis';
import type { WsEventBus } from '../platform/ws-events';
import { createAuctionActivities } from './auctions';
import { createAuditActivities } from './compliance/audit-activities';
import { createExceptionActivities } from './compliance/exception-activities';
import { createRfqActivities } from './rfq/rfq-activities';
import { createPaymentActivities } from './corporate-actions/payment-activities';
import { createStatementActivities } from './statements/statement-activities';
import { createTradeSettlementActivities } from './settlement';
import { createSurveillanceActivities } from './surveillance/surveillance-activities';
import { createReportActivities } from './compliance/report-activities';
import { createRiskBreachActivities } from './compliance/risk-breach-activities';
import { createTradeReportActivities } from './compliance/trade-report-activities';

export interface ActivityDeps {
  orm: MikroORM;
  log: Logger;
  config: Config;
  /** For activities that start or signal other workflows. */
  temporal: Client;
  /** WebSocket events reach clients through Redis and the API. */
  wsEvents: WsEventBus;
  /** For invalidating the API's Redis caches after an activity changed what they hold. */
  redis: Redis;
  /** The risk-recompute queue, for positions an activity moved. */
  riskQueue: Queue;
  /** The worker's Prometheus registry. */
  metrics: Registry;
}

/** Every activity the Temporal worker registers, built from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAuctionActivities(deps),
    ...createAuditActivities(deps),
    ...createExceptionActivities(deps),
    ...createRfqActivities(deps),
    ...createPaymentActivities(deps),
    ...createStatementActivities(deps),
    ...createTradeSettlementActivities(deps),
    ...createSurveillanceActivities(deps),
    ...createReportActivities(deps),
    ...createRiskBreachActivities(deps),
    ...createTradeReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
