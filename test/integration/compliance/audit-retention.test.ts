import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import pino from 'pino';
import { AuditChainWriter } from '../../../db/audit/audit-chain-writer';
import { verifyAuditChain } from '../../../db/audit/audit-verifier';
import { dropDatabase } from '../../../db/database-admin';
import { ormConfig } from '../../../db/orm-config';
import { setUpDatabase } from '../../../db/setup';
import { AuditAnchorStore } from '../../../platform/audit-anchor-store';

// A database of its own: the purge removes the oldest records of a chain, so the chain is made here.
const name = `bondx_audit_retention_${process.pid}`;
const withDb = (url: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const adminUrl = withDb(process.env.BONDX_DATABASE_ADMIN_URL!);
const appUrl = withDb(process.env.BONDX_DATABASE_URL!);
const purgeUrl = withDb(process.env.BONDX_AUDIT_PURGE_DATABASE_URL!);
const anchorDir = mkdtempSync(join(tmpdir(), 'bondx-anchors-'));
const silent = pino({ level: 'silent' });
let orm: MikroORM;

async function sql(url: string, text: string, params: unknown[] = []) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** The maintenance command as operators run it: the built CLI with its own database role. */
function purgeCommand(...args: string[]) {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, '..', '..', '..', 'dist', 'db', 'cli', 'purge-audit.js'), ...args],
    {
      env: {
        ...process.env,
        BONDX_AUDIT_PURGE_DATABASE_URL: purgeUrl,
        BONDX_AUDIT_ANCHOR_DIR: anchorDir,
        BONDX_LOG_LEVEL: 'silent',
      },
    },
  );
  return JSON.parse(out.toString());
}

const ids = async () => (await sql(adminUrl, 'select id from audit_events order by id')).map((r) => r.id);

beforeAll(async () => {
  await dropDatabase(adminUrl);
  await setUpDatabase(
    { databaseAdminUrl: adminUrl, databaseUrl: appUrl, audit: { purgeDatabaseUrl: purgeUrl } },
    silent,
  );
  // Five records from eleven years ago (the fourth about case-7), then three from today.
  await sql(
    adminUrl,
    `insert into audit_outbox (occurred_at, action, subject_type, subject_id)
     select now() - interval '11 years' + g * interval '1 minute', 'OLD_' || g, 'order',
            case when g = 4 then 'case-7' else 'o' || g end
       from generate_series(1, 5) g`,
  );
  await sql(
    adminUrl,
    `insert into audit_outbox (action, subject_type) select 'NEW_' || g, 'order' from generate_series(1, 3) g`,
  );
  orm = await MikroORM.init(ormConfig({ clientUrl: appUrl, poolMax: 2 }));
  await new AuditChainWriter(orm, silent).drain();
  await sql(
    adminUrl,
    `insert into audit_legal_holds (reason, subject_type, subject_id, created_by) values ('SEBI inquiry', 'order', 'case-7', 1)`,
  );
});
afterAll(async () => {
  await orm.close();
  await dropDatabase(adminUrl);
  rmSync(anchorDir, { recursive: true, force: true });
});

describe('audit retention purge', () => {
  test('when run without --execute, then it reports what would go and removes nothing', () => {
    const plan = purgeCommand();
    expect(plan).toMatchObject({
      executed: false,
      executed_by: 'bondx_test_audit_purge',
      removed_count: 3,
      removed_from_id: '1',
      removed_to_id: '3',
      stopped_at: { id: '4', reason: 'LEGAL_HOLD' },
      head_id: '8',
    });
    return expect(ids()).resolves.toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  test('when executed, then it stops at the legal hold, records the purge, anchors the head and the rest still verifies', async () => {
    const done = purgeCommand('--execute');
    expect(done).toMatchObject({ executed: true, removed_count: 3, first_kept_id: '4', head_id: '8' });
    expect(await ids()).toEqual(['4', '5', '6', '7', '8']);
    const [purge] = await sql(adminUrl, 'select * from audit_purges');
    expect(purge).toMatchObject({
      removed_from_id: '1',
      removed_to_id: '3',
      removed_count: 3,
      first_kept_id: '4',
      stopped_by_hold_id: 1,
    });
    const anchor = await new AuditAnchorStore(anchorDir).latest();
    expect(anchor).toMatchObject({
      kind: 'PURGE',
      head_id: '8',
      head_hash: done.head_hash,
      purge: { removed_from_id: '1', removed_to_id: '3', removed_count: 3, first_kept_id: '4' },
    });

    await new AuditChainWriter(orm, silent).drain();
    const verification = await verifyAuditChain(orm.em.fork(), anchor);
    expect(verification).toMatchObject({ valid: true, first_id: '4', head_id: '9', checked: 6 });
    const [recorded] = await sql(adminUrl, "select details from audit_events where action = 'AUDIT_PURGED'");
    expect(recorded.details).toMatchObject({ removed_count: 3, removed_to_id: '3' });
  });

  test('when the hold is released, then the next purge goes on to the first record within retention', async () => {
    await sql(adminUrl, 'update audit_legal_holds set released_at = now(), released_by = 1');
    expect(purgeCommand('--execute')).toMatchObject({
      removed_from_id: '4',
      removed_to_id: '5',
      stopped_at: { id: '6', reason: 'WITHIN_RETENTION' },
    });
    await new AuditChainWriter(orm, silent).drain();
    expect(await verifyAuditChain(orm.em.fork(), null)).toMatchObject({ valid: true, first_id: '6' });
  });

  test('when the application role or the purge role tries to rewrite a record, then it is refused', async () => {
    await expect(sql(appUrl, 'delete from audit_events where id = 6')).rejects.toThrow(/permission denied/);
    await expect(sql(purgeUrl, "update audit_events set action = 'X' where id = 6")).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql(purgeUrl, 'truncate audit_events')).rejects.toThrow(/permission denied|append-only/);
  });
});
