import { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';
import type { Config } from './config';

/** pg client settings: the query timeout is enforced by the client, since a stopped server enforces nothing. */
export function pgTimeouts(t: { connectMs: number; queryMs: number }) {
  return { connectionTimeoutMillis: t.connectMs, query_timeout: t.queryMs, statement_timeout: t.queryMs };
}

/** A pg pool sized and time-limited by configuration, its use exported as gauges for Prometheus. */
export function createPgPool(
  config: Config,
  name: string,
  registry?: Registry,
  max = config.database.poolMax,
): Pool {
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max,
    ...pgTimeouts({ connectMs: config.database.connectTimeoutMs, queryMs: config.database.queryTimeoutMs }),
  });
  // An idle client whose server went away emits 'error' on the pool; unheard, it would end the process.
  pool.on('error', () => undefined);
  if (registry) {
    new Gauge({
      name: 'bondx_db_pool_connections',
      help: 'PostgreSQL pool connections by state (max is the configured size)',
      labelNames: ['pool', 'state'],
      registers: [registry],
      collect() {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
        this.set({ pool: name, state: 'max' }, max);
      },
    });
  }
  return pool;
}
