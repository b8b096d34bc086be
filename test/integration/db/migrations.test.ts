import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import pino from 'pino';
import { dropDatabase } from '../../../db/database-admin';
import { ormConfig } from '../../../db/orm-config';
import { setUpDatabase } from '../../../db/setup';

const admin = process.env.BONDX_DATABASE_ADMIN_URL!.replace(/\/[^/]+$/, `/bondx_migrations_${process.pid}`);
const app = (() => {
  const u = new URL(process.env.BONDX_DATABASE_URL!);
  u.pathname = `/bondx_migrations_${process.pid}`;
  return u.toString();
})();

afterAll(() => dropDatabase(admin));

async function query(url: string, sql: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

describe('migrations', () => {
  test('when applied to an empty database, then every table exists and a second run applies nothing', async () => {
    await dropDatabase(admin);
    await setUpDatabase({ databaseAdminUrl: admin, databaseUrl: app }, pino({ level: 'silent' }));
    const tables = await query(
      admin,
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    expect(tables.rows.map((r) => r.table_name).sort()).toEqual(
      [
        'auction_allotments',
        'auction_bids',
        'auction_settlements',
        'auctions',
        'audit_events',
        'audit_legal_holds',
        'audit_outbox',
        'audit_purges',
        'auth_sessions',
        'cash_accounts',
        'fee_schedule',
        'trade_fees',
        'settlement_legs',
        'ledger_entries',
        'ledger_journals',
        'compliance_exception_comments',
        'compliance_exceptions',
        'bond_trading_states',
        'bond_payments',
        'bonds',
        'holidays',
        'mikro_orm_migrations',
        'participant_profiles',
        'order_commands',
        'order_events',
        'orders',
        'participant_trading_controls',
        'participants',
        'settlement_obligations',
        'settlement_run_trades',
        'settlement_runs',
        'trade_corrections',
        'portfolios',
        'positions',
        'risk_limit_breaches',
        'risk_limits',
        'rfq_dealers',
        'rfq_quotes',
        'rfqs',
        'risk_runs',
        'security_holdings',
        'statements',
        'stress_test_results',
        'trades',
        'users',
        'yield_curve_points',
        'yield_curves',
        'market_makers',
        'matching_shard_leases',
        'market_maker_bonds',
        'market_maker_day_starts',
        'surveillance_alerts',
        'beneficial_owners',
        'fpi_national_limits',
        'position_limits',
        'regulatory_check_overrides',
        'compliance_cursors',
        'regulatory_check_records',
        'report_runs',
        'report_schedule_actions',
        'trade_report_obligations',
      ].sort(),
    );
    const before = (await query(admin, 'select count(*)::int as n from mikro_orm_migrations')).rows[0].n;
    await setUpDatabase({ databaseAdminUrl: admin, databaseUrl: app }, pino({ level: 'silent' }));
    expect((await query(admin, 'select count(*)::int as n from mikro_orm_migrations')).rows[0].n).toBe(
      before,
    );
  });

  test('when the migrations have run, then the schema is exactly what the entities describe', async () => {
    // Migrations are written by hand at times; this catches any column, index or key they miss.
    const orm = await MikroORM.init(ormConfig({ clientUrl: admin, poolMax: 1 }));
    try {
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close(true);
    }
  });

  test('when the application role touches the audit trail, then it may append but never rewrite or delete', async () => {
    await query(app, "insert into audit_outbox (action, subject_type) values ('TEST', 'test')");
    await expect(query(app, "update audit_events set action = 'FORGED'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(query(app, 'delete from audit_events')).rejects.toThrow(/permission denied/);
    await expect(query(app, 'truncate audit_events')).rejects.toThrow(/permission denied/);
  });

  test('when the application role tries to change the schema, then it is refused', async () => {
    await expect(query(app, 'drop table bonds')).rejects.toThrow(/must be owner|permission denied/);
    await expect(query(app, "insert into mikro_orm_migrations (name) values ('x')")).rejects.toThrow(
      /permission denied/,
    );
  });
});
