import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { QUEUES, requestAutomaticRecompute } from '../platform/queues';
import { createRedis } from '../platform/redis';
import { EventPublisher } from './matching/event-publisher';
import { MatchingJournal } from './matching/journal';
import { BondDirectory, MatchingLoop } from './matching/matching-loop';
import { ShardBooks } from './matching/shard-books';
import { main } from './runtime/worker-process';

// Owns the order books of its shards: rebuilds them from the PostgreSQL journal, then consumes
// the shards' command streams in order (see docs/ARCHITECTURE.md, "Trading").
main({
  kind: 'matching-worker',
  defaultMetricsPort: 9102,
  async start({ config, log, metrics, redis }) {
    const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
    const journal = new MatchingJournal(pool);
    const bonds = new BondDirectory(journal);
    const books = new ShardBooks((id) => bonds.get(id));
    const streamRedis = createRedis(config.redisUrl, 'blocking', 'bondx-matching-streams');
    await streamRedis.connect();
    const mine = config.matchingWorkerShards.length
      ? config.matchingWorkerShards
      : Array.from({ length: config.matchingShards }, (_, i) => i);
    const loop = new MatchingLoop(
      books,
      bonds,
      journal,
      new EventPublisher(redis, config.redisPrefix),
      streamRedis,
      log,
      metrics,
      {
        shards: config.matchingShards,
        mine,
        prefix: config.redisPrefix,
      },
    );
    // Fills move HOUSE positions: each changed portfolio gets a coalesced risk recompute.
    const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix: config.redisPrefix });
    loop.onPositionsChanged = (portfolioIds) => {
      for (const id of portfolioIds) {
        requestAutomaticRecompute(riskQueue, id, 'FILL').catch((err: unknown) =>
          log.warn({ err, portfolioId: id }, 'risk recompute not queued'),
        );
      }
    };
    await loop.recover();
    loop.start();
    log.info({ shards: mine, of: config.matchingShards }, 'matching');
    return {
      async stop() {
        await loop.stop();
        await riskQueue.close();
        streamRedis.disconnect();
        await pool.end();
      },
    };
  },
});
