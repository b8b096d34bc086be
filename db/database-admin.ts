import { Client } from 'pg';

/** The database named in a URL, and a URL for the same server's maintenance database. */
export function splitDatabaseUrl(url: string): { database: string; maintenanceUrl: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`No database name in ${url}`);
  u.pathname = '/postgres';
  return { database, maintenanceUrl: u.toString() };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL unreachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}). ` +
        'Check BONDX_DATABASE_ADMIN_URL and that PostgreSQL is running (e.g. pg_ctlcluster 15 main start).',
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(adminUrl: string): Promise<boolean> {
  const { database, maintenanceUrl } = splitDatabaseUrl(adminUrl);
  return withClient(maintenanceUrl, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await c.query(`CREATE DATABASE ${quoteIdent(database)}`);
    return true;
  });
}

export async function dropDatabase(adminUrl: string): Promise<void> {
  const { database, maintenanceUrl } = splitDatabaseUrl(adminUrl);
  await withClient(maintenanceUrl, (c) =>
    c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
}

/** The non-superuser role the processes connect as, so table privileges mean something. */
export async function ensureAppRole(adminUrl: string, appUrl: string): Promise<string> {
  const u = new URL(appUrl);
  const role = decodeURIComponent(u.username);
  if (!role) throw new Error('BONDX_DATABASE_URL must name a user (the application role).');
  const password = decodeURIComponent(u.password);
  await withClient(adminUrl, async (c) => {
    const found = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    const pw = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
    const verb = found.rowCount ? 'ALTER' : 'CREATE';
    await c.query(`${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${pw}`);
  });
  return role;
}

/** Tables the application may only append to: rows there are evidence. */
export const APPEND_ONLY_TABLES = [
  'audit_events',
  'audit_purges',
  'ledger_journals',
  'ledger_entries',
  'risk_limit_breaches',
];

export async function grantAppPrivileges(adminUrl: string, role: string): Promise<void> {
  const r = quoteIdent(role);
  await withClient(adminUrl, async (c) => {
    await c.query(`GRANT CONNECT ON DATABASE ${quoteIdent(splitDatabaseUrl(adminUrl).database)} TO ${r}`);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await c.query(`REVOKE ALL ON mikro_orm_migrations FROM ${r}`);
    await c.query(`GRANT SELECT ON mikro_orm_migrations TO ${r}`);
    for (const table of APPEND_ONLY_TABLES) {
      await c.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table)} FROM ${r}`);
    }
  });
}

/**
 * The retention purge's own role: it may read the chain and its holds, delete from the chain (the
 * triggers let members of bondx_audit_purger do that, nobody else), and record what it removed.
 */
export async function grantAuditPurgePrivileges(adminUrl: string, role: string): Promise<void> {
  const r = quoteIdent(role);
  await withClient(adminUrl, async (c) => {
    await c.query(`GRANT CONNECT ON DATABASE ${quoteIdent(splitDatabaseUrl(adminUrl).database)} TO ${r}`);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await c.query(`GRANT bondx_audit_purger TO ${r}`);
    await c.query(`GRANT SELECT, DELETE ON audit_events TO ${r}`);
    await c.query(`GRANT SELECT ON audit_legal_holds TO ${r}`);
    await c.query(`GRANT SELECT, INSERT ON audit_purges, audit_outbox TO ${r}`);
    await c.query(`GRANT USAGE ON SEQUENCE audit_purges_id_seq, audit_outbox_id_seq TO ${r}`);
  });
}
