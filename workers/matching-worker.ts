import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../db/orm-config';
import { main } from './runtime/worker-process';

// The process that will own the order books (trading issue). Today it holds its connections to
// the journal (PostgreSQL) and reports its heartbeat, so the system's shape is complete.
main({
  kind: 'matching-worker',
  defaultMetricsPort: 9102,
  async start({ config }) {
    const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 4 }));
    await orm.em.fork().getConnection().execute('select 1');
    return { stop: () => orm.close() };
  },
});
