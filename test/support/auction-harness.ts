import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../platform/config';
import { startTestApi, type TestApi } from './api-harness';
import { until } from './member-fixtures';
import { startTestWorker } from './temporal-worker';

export interface AuctionTestEnv {
  api: TestApi;
  taskQueue: string;
  /** Access tokens of the auction admin and three bidders (SBIN, HDFCB, ICICPD). */
  tokens: { admin: string; sbin: string; hdfc: string; pd: string };
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
  const api = await startTestApi({ temporal: { ...loadConfig().temporal, namespace: 'default', taskQueue } });
  const worker = await startTestWorker(api.deps.orm, api.deps.config, queue);
  const [admin, sbin, hdfc, pd] = await Promise.all(
    ['auctionadmin', 'trader1', 'trader2', 'pd1'].map((u) => api.login(`${u}@bondx.local`)),
  );
  return {
    api,
    taskQueue,
    tokens: { admin: admin!, sbin: sbin!, hdfc: hdfc!, pd: pd! },
    async stop() {
      await worker.close();
      await api.stop();
    },
  };
}

/** A fresh auction code per test run (codes are unique across the shared database). */
export const uniqueCode = (name: string) => `T_${name}_${Date.now()}`;
export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** Polls until `check` returns something, or fails after `timeoutMs`: the shared `until` for a truthy value. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  return (await until(what, check, Boolean, timeoutMs)) as T;
}
