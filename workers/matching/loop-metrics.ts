import { Counter, Histogram, type Registry } from 'prom-client';

/** The matching loops' metrics, registered once per process and shared by its shards' loops. */
export function matchingLoopMetrics(registry: Registry) {
  return {
    applied: new Counter({
      name: 'bondx_matching_commands_applied_total',
      help: 'Commands applied to the order books',
      registers: [registry],
    }),
    trades: new Counter({
      name: 'bondx_matching_trades_total',
      help: 'Trades executed',
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'bondx_matching_group_commit_seconds',
      help: 'Duration of one group commit (journal, orders, trades, positions)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}

export type MatchingLoopMetrics = ReturnType<typeof matchingLoopMetrics>;
