import type { Config } from '../../platform/config';

export interface PlannedProcess {
  /** Unique among the supervisor's children. */
  name: string;
  /** The built entry point under dist/workers. */
  script: string;
  env: Record<string, string>;
}

/** Metrics ports of the second and later matching processes: 9121, 9122, ... (the first keeps 9102). */
const EXTRA_MATCHING_METRICS_PORT = 9120;

/**
 * What `npm start` runs: `apiInstances` APIs on consecutive ports from BONDX_PORT, one matching
 * process per shard (each with that shard as its home), and one of each other worker.
 */
export function processPlan(
  config: Pick<Config, 'apiInstances' | 'port' | 'matchingShards'>,
): PlannedProcess[] {
  const apis = Array.from({ length: config.apiInstances }, (_, i) => ({
    name: i === 0 ? 'api' : `api-${i + 1}`,
    script: 'api',
    env: { BONDX_PORT: String(config.port + i) },
  }));
  const matching = Array.from({ length: config.matchingShards }, (_, i) => ({
    name: i === 0 ? 'matching-worker' : `matching-worker-${i}`,
    script: 'matching-worker',
    env: {
      BONDX_MATCHING_WORKER_SHARDS: String(i),
      ...(i === 0 ? {} : { BONDX_METRICS_PORT: String(EXTRA_MATCHING_METRICS_PORT + i) }),
    },
  }));
  const single = (name: string) => ({ name, script: name, env: {} });
  return [...apis, single('temporal-worker'), ...matching, single('risk-worker'), single('market-maker')];
}
