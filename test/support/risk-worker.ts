import { Worker } from 'bullmq';
import pino from 'pino';
import { Registry } from 'prom-client';
import { businessCounter } from '../../platform/metrics';
import { QUEUES } from '../../platform/queues';
import { createRedis } from '../../platform/redis';
import { createLimitMonitor } from '../../workers/risk/limit-monitor';
import { createRunNotifier } from '../../workers/risk/run-notifier';
import { createRiskRunProcessor } from '../../workers/risk/risk-run-processor';
import type { TestApi } from './api-harness';

/** The risk worker's processor, built as workers/risk-worker.ts builds it, consuming the test API's queue. */
export async function startTestRiskWorker(api: TestApi): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const { config, orm, wsEvents } = api.deps;
  const log = pino({ level: 'silent' });
  const connection = createRedis(config.redisUrl, 'blocking', 'bondx-test-risk-worker');
  const checkLimits = createLimitMonitor({
    wsEvents,
    log,
    breaches: businessCounter(new Registry(), 'risk_limit_breaches_total', 'test', [
      'severity',
      'limit_type',
    ]),
  });
  const runs = businessCounter(new Registry(), 'risk_runs_total', 'test', ['trigger', 'method']);
  const worker = new Worker(
    QUEUES.riskRecompute,
    createRiskRunProcessor({
      orm,
      log,
      checkLimits,
      runs,
      notify: createRunNotifier(wsEvents),
    }),
    {
      connection,
      prefix: config.redisPrefix,
    },
  );
  await worker.waitUntilReady();
  return {
    worker,
    async stop() {
      await worker.close();
      connection.disconnect();
    },
  };
}
