import type { Registry } from 'prom-client';
import { loadConfig, type Config } from '../../platform/config';
import { Heartbeat } from '../../platform/heartbeat';
import { createLogger, type Logger } from '../../platform/logger';
import { createMetricsRegistry, serveMetrics } from '../../platform/metrics';
import { connectRedis, createRedis, type Redis } from '../../platform/redis';

export interface WorkerContext {
  config: Config;
  log: Logger;
  metrics: Registry;
  /** A fail-fast command connection, shared by the heartbeat and the worker's own light use. */
  redis: Redis;
}

/** What a worker kind adds to the common process: its own start, and a stop that drains it. */
export interface WorkerBody {
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  kind: string;
  defaultMetricsPort: number;
  start(ctx: WorkerContext): Promise<WorkerBody>;
}

/**
 * The shared shell of every worker process: configuration, JSON logs, /metrics, a heartbeat that
 * /health reads, and a graceful stop on SIGTERM or SIGINT (drain, then release connections).
 */
export async function runWorkerProcess(opts: WorkerProcessOptions): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config, opts.kind);
  const metrics = createMetricsRegistry(opts.kind);
  const redis = await connectRedis(
    createRedis(config.redisUrl, 'command', `bondx-${opts.kind}`),
    config.redisUrl,
  );
  const metricsServer = await serveMetrics(metrics, config.metricsPort ?? opts.defaultMetricsPort);
  const body = await opts.start({ config, log, metrics, redis });
  const heartbeat = new Heartbeat(redis, config.redisPrefix, opts.kind, config.workerHeartbeatSeconds);
  await heartbeat.start((err) => log.warn({ err }, 'heartbeat failed'));
  log.info({ metrics_port: (metricsServer.address() as { port: number }).port }, `${opts.kind} started`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${opts.kind} stopping`);
    const forced = setTimeout(() => {
      log.error('graceful stop took too long; exiting');
      process.exit(1);
    }, 30_000);
    try {
      await heartbeat.stop();
      await body.stop();
      metricsServer.close();
      redis.disconnect();
      log.info(`${opts.kind} stopped`);
      clearTimeout(forced);
      process.exitCode = 0;
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

export function main(opts: WorkerProcessOptions): void {
  runWorkerProcess(opts).catch((err) => {
    console.error(
      JSON.stringify({
        level: 60,
        service: opts.kind,
        msg: 'failed to start',
        err: String(err?.message ?? err),
      }),
    );
    process.exit(1);
  });
}
