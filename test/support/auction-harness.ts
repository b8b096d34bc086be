import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createMetricsRegistry } from '../../platform/metrics';
import { WsEventBus } from '../../platform/ws-events';
import { startTestApi, type TestApi } from './api-harness';

export interface AuctionTestEnv {
  api: TestApi;
  taskQueue: string;
  /** Runs the real workflows and activities on the harness's Temporal server until stop(). */
  stop(): Promise<void>;
}

/**
 * The real API and an in-process worker for the auction workflows, on a task queue of this test
 * file's own (so test files never take each other's tasks).
 */
export async function startAuctionEnv(name: string): Promise<AuctionTestEnv> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another test file in this process installed the runtime already.
  }
  const taskQueue = `auctions-${name}-${process.pid}`;
  const address = process.env.BONDX_TEMPORAL_ADDRESS!;
  const api = await startTestApi({
    temporal: { address, namespace: 'default', taskQueue, uiUrl: 'http://127.0.0.1:8233' },
  });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: createActivities({
      orm: api.deps.orm,
      log: api.deps.log,
      wsEvents: new WsEventBus(api.deps.redis, api.deps.config.redisPrefix),
      metrics: createMetricsRegistry('temporal-worker-test'),
    }),
  });
  const running = worker.run();
  return {
    api,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await api.stop();
    },
  };
}

/** Polls until `check` returns something, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
