import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import {
  ensureAppRole,
  ensureDatabase,
  grantAppPrivileges,
  grantAuditPurgePrivileges,
} from './database-admin';
import { ormConfig } from './orm-config';

export interface DatabaseUrls {
  databaseAdminUrl: string;
  databaseUrl: string;
  /** The audit retention purge's role; left out, no purge role is set up. */
  audit?: { purgeDatabaseUrl: string };
}

/** Creates the database and application role when missing, applies pending migrations, grants. */
export async function setUpDatabase(urls: DatabaseUrls, log: Logger): Promise<void> {
  if (await ensureDatabase(urls.databaseAdminUrl)) log.info('created database');
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: urls.databaseAdminUrl, poolMax: 2, log: (m) => log.debug(m) }),
  );
  try {
    const applied = await orm.getMigrator().up();
    log.info({ applied: applied.map((m) => m.name) }, `migrations applied: ${applied.length}`);
  } finally {
    await orm.close(true);
  }
  const role = await ensureAppRole(urls.databaseAdminUrl, urls.databaseUrl);
  await grantAppPrivileges(urls.databaseAdminUrl, role);
  if (urls.audit) {
    const purgeRole = await ensureAppRole(urls.databaseAdminUrl, urls.audit.purgeDatabaseUrl);
    await grantAuditPurgePrivileges(urls.databaseAdminUrl, purgeRole);
  }
}
