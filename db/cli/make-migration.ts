import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../platform/config';
import { ensureDatabase } from '../database-admin';
import { ormConfig } from '../orm-config';

// Developer tool: diff the entities against the committed snapshot and write a new migration
// into db/migrations/ (then add it to db/migrations/index.ts). `--snapshot-only` rewrites the
// snapshot from the entities without writing a migration.
async function main() {
  const config = loadConfig();
  await ensureDatabase(config.databaseAdminUrl);
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: config.databaseAdminUrl, poolMax: 1, snapshot: true }),
  );
  try {
    if (process.argv.includes('--snapshot-only')) {
      // After merging hand-written migrations (the migrations test proves they match the entities).
      await (orm.getMigrator() as unknown as { storeCurrentSchema(): Promise<void> }).storeCurrentSchema();
      console.log('snapshot rewritten from the entities');
      return;
    }
    const result = await orm
      .getMigrator()
      .createMigration(undefined, false, process.argv.includes('--initial'));
    console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes');
  } finally {
    await orm.close(true);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
