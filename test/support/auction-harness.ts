import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startTestApi, type TestApi } from './api-harness';
import { startTestWorker } from './temporal-worker';

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
  const queue = `auctions-${name}`;
  const taskQueue = `${queue}-${process.pid}`;
  const address = process.env.BONDX_TEMPORAL_ADDRESS!;
  const api = await startTestApi({
    temporal: { address, namespace: 'default', taskQueue, uiUrl: 'http://127.0.0.1:8233' },
  });
  const worker = await startTestWorker(api.deps.orm, api.deps.config, queue);
  return {
    api,
    taskQueue,
    async stop() {
      await worker.close();
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
