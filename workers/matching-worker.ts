import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import { ShardLeases } from '../db/matching/shard-leases';
import { QUEUES, requestAutomaticRecompute } from '../platform/queues';
import { EventPublisher } from './matching/event-publisher';
import { matchingLoopMetrics } from './matching/loop-metrics';
import { createMatchingPools } from './matching/matching-pools';
import { ShardHost } from './matching/shard-host';
import { shardLoopStarter } from './matching/shard-loop';
import { main } from './runtime/worker-process';

// Owns the order books of the shards whose leases it holds: rebuilds each from the PostgreSQL
// journal, then consumes its command stream in order (see docs/ARCHITECTURE.md, "Trading").
main({
  kind: 'matching-worker',
  defaultMetricsPort: 9102,
  async start({ config, log, metrics, redis }) {
    // Bounded waits, and an idle client's error does not end the process.
    const { journal: pool, leases: leasePool } = createMatchingPools(config, metrics);
    // Fills move HOUSE positions: each changed portfolio gets a coalesced risk recompute.
    const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix: config.redisPrefix });
    const start = shardLoopStarter({
      pool,
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      shards: config.matchingShards,
      tradingDay: config.tradingDay,
      publisher: new EventPublisher(redis, config.redisPrefix),
      metrics: matchingLoopMetrics(metrics),
      log,
      onPositionsChanged(portfolioIds) {
        for (const id of portfolioIds) {
          requestAutomaticRecompute(riskQueue, id, 'FILL').catch((err: unknown) =>
            log.warn({ err, portfolioId: id }, 'risk recompute not queued'),
          );
        }
      },
    });
    // The owner name is the heartbeat's instance id, so /health can tie leases to live processes.
    const leases = new ShardLeases(leasePool, `${hostname()}:${process.pid}`, config.matchingLeaseMs);
    const home = config.matchingWorkerShards.length
      ? config.matchingWorkerShards
      : Array.from({ length: config.matchingShards }, (_, i) => i);
    const host = new ShardHost(leases, start, log, metrics, {
      shards: config.matchingShards,
      home,
      leaseMs: config.matchingLeaseMs,
    });
    await host.start();
    log.info({ owned: host.owned(), home, of: config.matchingShards }, 'matching');
    return {
      async stop() {
        await host.stop();
        await riskQueue.close();
        await Promise.all([pool.end(), leasePool.end()]);
      },
    };
  },
});
