import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { ormConfig } from '../orm-config';
import { seedAll } from '../seed/seed-all';

async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'seed');
  if (config.environment === 'production') {
    log.warn('demo data is never seeded in production');
    return;
  }
  const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 2 }));
  try {
    await seedAll(orm, config.demoPassword, log, config.environment);
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
