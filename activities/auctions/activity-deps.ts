import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Counter, Histogram } from 'prom-client';
import type { Queue } from 'bullmq';
import { type RecomputeTrigger } from '../../platform/queues';
import { houseRiskRecompute } from '../house-risk';
import { AuctionUpdates, type WsEventBus } from '../../platform/ws-events';

export interface AuctionActivityDeps {
  orm: MikroORM;
  log: Logger;
  updates: AuctionUpdates;
  /** Recomputes the risk of the HOUSE portfolios an allotment or a failed settlement moved. */
  recomputeHouseRisk(participantIds: readonly number[], trigger: RecomputeTrigger): Promise<void>;
  metrics: {
    transitions: Counter<'state'>;
    settlements: Counter<'outcome'>;
    clearingSeconds: Histogram<'format'>;
  };
}

export function auctionActivityDeps(deps: {
  orm: MikroORM;
  log: Logger;
  wsEvents: WsEventBus;
  riskQueue: Queue;
  metrics: Registry;
}): AuctionActivityDeps {
  return {
    orm: deps.orm,
    log: deps.log.child({ area: 'auctions' }),
    updates: new AuctionUpdates(deps.wsEvents),
    recomputeHouseRisk: houseRiskRecompute(deps.orm, deps.riskQueue),
    metrics: {
      transitions: new Counter({
        name: 'bondx_auction_transitions_total',
        help: 'Auction state changes by the state entered',
        labelNames: ['state'],
        registers: [deps.metrics],
      }),
      settlements: new Counter({
        name: 'bondx_auction_settlements_total',
        help: 'Allottee settlements by outcome (SETTLED or the failed leg)',
        labelNames: ['outcome'],
        registers: [deps.metrics],
      }),
      clearingSeconds: new Histogram({
        name: 'bondx_auction_clearing_seconds',
        help: 'Time to clear an auction and store its allotments, by format',
        labelNames: ['format'],
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [deps.metrics],
      }),
    },
  };
}
