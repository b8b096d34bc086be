import { Gauge, type Registry } from 'prom-client';

/** What a connection pool reports: connections open, idle, callers waiting, and its configured size. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

// One gauge per registry, fed by every pool of the process (pg pools and the ORM's knex pool).
const sourcesByRegistry = new WeakMap<Registry, Map<string, () => PoolUse>>();

/** Exports a pool's use as `bondx_db_pool_connections{pool, state}`, read at every scrape. */
export function exportPoolUse(registry: Registry, pool: string, read: () => PoolUse): void {
  let sources = sourcesByRegistry.get(registry);
  if (!sources) {
    const all = new Map<string, () => PoolUse>();
    sources = all;
    sourcesByRegistry.set(registry, all);
    new Gauge({
      name: 'bondx_db_pool_connections',
      help: 'PostgreSQL pool connections by state (max is the configured size)',
      labelNames: ['pool', 'state'],
      registers: [registry],
      collect() {
        for (const [name, use] of all) {
          const u = use();
          this.set({ pool: name, state: 'total' }, u.total);
          this.set({ pool: name, state: 'idle' }, u.idle);
          this.set({ pool: name, state: 'waiting' }, u.waiting);
          this.set({ pool: name, state: 'max' }, u.max);
        }
      },
    });
  }
  sources.set(pool, read);
}

/** The parts of a tarn pool (knex's, so MikroORM's) that tell its use. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** Exports the use of a MikroORM instance's connection pool (knex / tarn underneath), sized `max`. */
export function exportOrmPoolUse(
  registry: Registry,
  pool: string,
  orm: { em: { getConnection(): { getKnex(): { client: { pool?: TarnPool } } } } },
  max: number,
): void {
  const knex = orm.em.getConnection().getKnex();
  exportPoolUse(registry, pool, () => {
    const tarn = knex.client.pool;
    if (!tarn) return { total: 0, idle: 0, waiting: 0, max };
    return {
      total: tarn.numUsed() + tarn.numFree(),
      idle: tarn.numFree(),
      waiting: tarn.numPendingAcquires(),
      max,
    };
  });
}
