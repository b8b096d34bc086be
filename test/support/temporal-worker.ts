import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Queue } from 'bullmq';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createActivities } from '../../activities';
import type { Config } from '../../platform/config';
import { QUEUES } from '../../platform/queues';
import { workerConcurrency, workflowCode } from '../../platform/temporal-worker-options';
import { createRedis } from '../../platform/redis';
import { WsEventBus } from '../../platform/ws-events';

export interface TestWorker {
  client: Client;
  config: Config;
  /** The activities' metrics. */
  metrics: Registry;
  /** Stops polling, lets running tasks finish, and closes the connections. */
  close(): Promise<void>;
}

/**
 * The real workflow bundle and activities, running on the harness's Temporal server until close(), on
 * a task queue of the test file's own, so files never pick up each other's work.
 */
export async function startTestWorker(orm: MikroORM, config: Config, queue: string): Promise<TestWorker> {
  const cfg: Config = { ...config, temporal: { ...config.temporal, taskQueue: `${queue}-${process.pid}` } };
  const native = await NativeConnection.connect({ address: cfg.temporal.address });
  const connection = await Connection.connect({ address: cfg.temporal.address });
  const client = new Client({ connection });
  const metrics = new Registry();
  const redis = createRedis(cfg.redisUrl, 'command', 'bondx-test-temporal-worker');
  const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix: cfg.redisPrefix });
  const worker = await Worker.create({
    connection: native,
    taskQueue: cfg.temporal.taskQueue,
    // The bundle global setup made once from the sources (see global-setup.ts).
    ...workflowCode(process.env.BONDX_TEST_WORKFLOW_BUNDLE),
    ...workerConcurrency(cfg.temporal.worker),
    activities: createActivities({
      orm,
      log: pino({ level: 'silent' }),
      config: cfg,
      temporal: client,
      wsEvents: new WsEventBus(redis, cfg.redisPrefix),
      redis,
      riskQueue,
      metrics,
    }),
  });
  const running = worker.run();
  return {
    client,
    config: cfg,
    metrics,
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await native.close();
      await riskQueue.close();
      redis.disconnect();
    },
  };
}
