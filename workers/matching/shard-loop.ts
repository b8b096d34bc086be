import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { TradingDaySchedule } from '../../domain/trading';
import { createRedis } from '../../platform/redis';
import type { EventPublisher } from './event-publisher';
import { MatchingJournal } from './journal';
import type { MatchingLoopMetrics } from './loop-metrics';
import { BondDirectory, MatchingLoop } from './matching-loop';
import { ShardBooks } from './shard-books';
import type { ShardStarter } from './shard-host';

export interface ShardLoopDeps {
  pool: Pool;
  redisUrl: string;
  prefix: string;
  shards: number;
  tradingDay: TradingDaySchedule;
  publisher: EventPublisher;
  metrics: MatchingLoopMetrics;
  log: Logger;
  onPositionsChanged(portfolioIds: number[]): void;
}

/**
 * A shard's own books, fenced journal and blocking stream connection (XREADGROUP BLOCK holds a
 * connection), rebuilt from the journal before its loop reads the stream.
 */
export function shardLoopStarter(deps: ShardLoopDeps): ShardStarter {
  return async (fence, onFailure) => {
    const journal = new MatchingJournal(deps.pool, fence);
    const bonds = new BondDirectory(journal);
    const streamRedis: Redis = createRedis(deps.redisUrl, 'blocking', `bondx-matching-shard-${fence.shard}`);
    const log = deps.log.child({ shard: fence.shard, token: fence.token });
    const loop = new MatchingLoop(
      new ShardBooks((id) => bonds.get(id)),
      bonds,
      journal,
      deps.publisher,
      streamRedis,
      log,
      deps.metrics,
      {
        shards: deps.shards,
        mine: [fence.shard],
        prefix: deps.prefix,
        tradingDay: deps.tradingDay,
        onFailure,
      },
    );
    loop.onPositionsChanged = deps.onPositionsChanged;
    try {
      await streamRedis.connect();
      await loop.recover();
    } catch (err) {
      streamRedis.disconnect();
      throw err;
    }
    loop.start();
    return {
      async stop() {
        await loop.stop();
        streamRedis.disconnect();
      },
    };
  };
}
