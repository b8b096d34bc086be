import { hostname } from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue, Worker } from 'bullmq';
import { ormConfig } from '../db/orm-config';
import { QUEUES, type RiskRecomputeJobData } from '../platform/queues';
import { createRedis } from '../platform/redis';
import { WsEventBus } from '../platform/ws-events';
import { businessCounter } from '../platform/metrics';
import { createLimitMonitor } from './risk/limit-monitor';
import { createRunNotifier } from './risk/run-notifier';
import { createRiskRunProcessor } from './risk/risk-run-processor';
import { redriveRiskRuns } from './risk/redrive-runs';
import { main } from './runtime/worker-process';
import { exportOrmPoolUse } from '../platform/pool-metrics';

const RISK_REDRIVE_INTERVAL_MS = 15_000;

// Consumes the risk-recompute queue: each job names one risk run, computed by the processor.
main({
  kind: 'risk-worker',
  defaultMetricsPort: 9103,
  async start({ config, log, metrics, redis }) {
    const orm = await MikroORM.init(
      ormConfig({ clientUrl: config.databaseUrl, poolMax: config.database.poolMax }),
    );
    exportOrmPoolUse(metrics, 'orm', orm, config.database.poolMax);
    await orm.em.fork().getConnection().execute('select 1');
    const connection = createRedis(config.redisUrl, 'blocking', 'bondx-risk-worker-queue');
    const wsEvents = new WsEventBus(redis, config.redisPrefix);
    const checkLimits = createLimitMonitor({
      wsEvents,
      log,
      breaches: businessCounter(
        metrics,
        'risk_limit_breaches_total',
        'Risk limits found at or over their warning level',
        ['severity', 'limit_type'],
      ),
    });
    const runs = businessCounter(
      metrics,
      'risk_runs_total',
      'Risk run attempts started, by trigger and method',
      ['trigger', 'method'],
    );
    const processor = createRiskRunProcessor({
      orm,
      log,
      checkLimits,
      runs,
      notify: createRunNotifier(wsEvents),
    });
    const worker = new Worker<RiskRecomputeJobData>(QUEUES.riskRecompute, processor, {
      connection,
      prefix: config.redisPrefix,
      concurrency: 2,
      // Recorded on each job (processedBy), so the process that ran it is known; heartbeat's naming.
      name: `${hostname()}:${process.pid}`,
    });
    worker.on('error', (err) => log.error({ err }, 'risk worker error'));
    // Jobs that Redis lost are re-driven from the runs PostgreSQL holds: at start, then periodically
    // (Redis may restart empty while this worker lives on).
    const producer = new Queue(QUEUES.riskRecompute, { connection, prefix: config.redisPrefix });
    const redrive = () =>
      redriveRiskRuns(orm, producer, log).catch((err) => log.warn({ err }, 'risk run re-drive failed'));
    await redrive();
    const redriveTimer = setInterval(redrive, RISK_REDRIVE_INTERVAL_MS);
    return {
      async stop() {
        clearInterval(redriveTimer);
        await producer.close();
        await worker.close();
        connection.disconnect();
        await orm.close();
      },
    };
  },
});
