import { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Config } from './config';
import { exportPoolUse } from './pool-metrics';

/** pg client settings: the query timeout is enforced by the client, since a stopped server enforces nothing. */
export function pgTimeouts(t: { connectMs: number; queryMs: number }) {
  return { connectionTimeoutMillis: t.connectMs, query_timeout: t.queryMs, statement_timeout: t.queryMs };
}

/** PostgreSQL session settings a pool's sessions run under (times in milliseconds). */
export interface SessionSettings {
  /** A session idle inside a transaction this long is ended by the server, its locks released. */
  idleInTransactionMs?: number;
  /** A statement waiting this long for a lock fails instead of waiting on. */
  lockWaitMs?: number;
  /**
   * Named statements run on a generic plan from their first execution. For the order path's
   * statements over unnest()ed arrays PostgreSQL otherwise plans every execution anew (the generic
   * plan's row estimate is never below a custom one's), and planning cost more than running them.
   */
  genericPlans?: boolean;
}

/** A pg pool sized and time-limited by configuration, its use exported as gauges for Prometheus. */
export function createPgPool(
  config: Config,
  name: string,
  registry?: Registry,
  max = config.database.poolMax,
  settings: SessionSettings = {},
): Pool {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    // Names the process's sessions in pg_stat_activity (and lets a drill find them).
    application_name: `bondx-${name}`,
    max,
    ...pgTimeouts({ connectMs: config.database.connectTimeoutMs, queryMs: config.database.queryTimeoutMs }),
    idle_in_transaction_session_timeout: settings.idleInTransactionMs,
    lock_timeout: settings.lockWaitMs,
    options: settings.genericPlans ? '-c plan_cache_mode=force_generic_plan' : undefined,
  });
  // An idle client whose server went away emits 'error' on the pool; unheard, it would end the process.
  pool.on('error', () => undefined);
  if (registry)
    exportPoolUse(registry, name, () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    }));
  return pool;
}
