import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/orm-config';
import { main } from './runtime/worker-process';

// The process that will consume the risk-recompute queue (risk issue). Today it holds its
// database connection and reports its heartbeat.
main({
  kind: 'risk-worker',
  defaultMetricsPort: 9103,
  async start({ config }) {
    const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 4 }));
    await orm.em.fork().getConnection().execute('select 1');
    return { stop: () => orm.close() };
  },
});
