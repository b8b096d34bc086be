import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../platform/config';
import { AuditAnchorStore } from '../../platform/audit-anchor-store';
import { createLogger } from '../../platform/logger';
import { purgeAudit } from '../audit/audit-purge';
import { ormConfig } from '../orm-config';

// `npm run audit:purge` shows what the retention purge would remove; `-- --execute` removes it.
// It connects as BONDX_AUDIT_PURGE_DATABASE_URL, the only role the audit triggers let delete.
async function main() {
  const { values } = parseArgs({ options: { execute: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const log = createLogger(config, 'audit-purge');
  const orm = await MikroORM.init(ormConfig({ clientUrl: config.audit.purgeDatabaseUrl, poolMax: 1 }));
  try {
    const result = await purgeAudit(orm.em.fork(), {
      now: new Date(),
      retentionYears: config.audit.retentionYears,
      execute: values.execute,
      anchors: new AuditAnchorStore(config.audit.anchorDir),
    });
    log.info(result, result.executed ? 'audit purge executed' : 'audit purge dry run: nothing removed');
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
