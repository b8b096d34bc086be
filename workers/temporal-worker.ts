import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { AuditChainWriter } from '../db/audit/audit-chain-writer';
import { ormConfig } from '../db/orm-config';
import { createActivities } from '../activities';
import { businessCounter } from '../platform/metrics';
import { QUEUES } from '../platform/queues';
import { createRedis } from '../platform/redis';
import { connectTemporalClient } from '../platform/temporal';
import { workerConcurrency, workflowCode } from '../platform/temporal-worker-options';
import { WsEventBus } from '../platform/ws-events';
import { ensureAuditSchedules } from './compliance/audit-schedules';
import { ensurePostTradeSchedules } from './post-trade/post-trade-schedules';
import { ensureSettlementSchedule } from './settlement/settlement-schedule';
import { ensureReportSchedules } from './compliance/report-schedules';
import { ensureTradeReporting } from './compliance/trade-reporting';
import { main } from './runtime/worker-process';
import { exportOrmPoolUse } from '../platform/pool-metrics';

main({
  kind: 'temporal-worker',
  defaultMetricsPort: 9101,
  async start({ config, log, metrics, redis }) {
    // Our process shell owns the signals, so the worker drains in the order we choose; the SDK's
    // own log lines go through pino so every line is JSON.
    const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
      TRACE: 'trace',
      DEBUG: 'debug',
      INFO: 'info',
      WARN: 'warn',
      ERROR: 'error',
    };
    Runtime.install({
      shutdownSignals: [],
      logger: new DefaultLogger('INFO', ({ level, message, meta }) =>
        log[levels[level]](meta ?? {}, message),
      ),
    });
    const orm = await MikroORM.init(
      ormConfig({ clientUrl: config.databaseUrl, poolMax: config.database.poolMax }),
    );
    exportOrmPoolUse(metrics, 'orm', orm, config.database.poolMax);
    // The audit chain's one writer lives here, beside the schedules that anchor and verify it.
    const auditWriter = new AuditChainWriter(orm, log, {
      pollMs: config.audit.writerPollMs,
      chained: businessCounter(
        metrics,
        'audit_records_chained_total',
        'Audit records linked onto the hash chain',
      ),
    });
    auditWriter.start();
    const client = await connectTemporalClient(config.temporal);
    await ensureAuditSchedules(client, config);
    await ensurePostTradeSchedules(client, config);
    await ensureSettlementSchedule(client, config);
    await ensureReportSchedules(client, config);
    await ensureTradeReporting(client, config);
    const riskQueueConnection = createRedis(config.redisUrl, 'command', 'bondx-temporal-worker-queues');
    const riskQueue = new Queue(QUEUES.riskRecompute, {
      connection: riskQueueConnection,
      prefix: config.redisPrefix,
    });
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      ...workflowCode(),
      activities: createActivities({
        orm,
        log,
        config,
        temporal: client,
        wsEvents: new WsEventBus(redis, config.redisPrefix),
        redis,
        riskQueue,
        metrics,
      }),
      ...workerConcurrency(config.temporal.worker),
      shutdownGraceTime: '20s',
    });
    log.info({ ...config.temporal.worker }, 'temporal worker concurrency');
    const running = worker.run();
    running.catch((err) => {
      log.fatal({ err }, 'temporal worker failed');
      process.exit(1);
    });
    return {
      async stop() {
        worker.shutdown();
        await running;
        await connection.close();
        await client.connection.close();
        await riskQueue.close();
        riskQueueConnection.disconnect();
        await auditWriter.stop();
        await orm.close();
      },
    };
  },
});
