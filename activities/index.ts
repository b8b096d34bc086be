import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { WsEventBus } from '../platform/ws-events';
import { createAuctionActivities } from './auctions';

export interface ActivityDeps {
  orm: MikroORM;
  log: Logger;
  /** WebSocket events reach clients through Redis and the API. */
  wsEvents: WsEventBus;
  /** The worker's Prometheus registry. */
  metrics: Registry;
}

/** Every activity the Temporal worker registers, built from the worker's dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAuctionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
