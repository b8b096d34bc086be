import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { dropDatabase } from '../../db/database-admin';
import { ensureTemporalCli } from '../../infra/temporal/temporal-cli';
import { startTemporalDevServer } from '../../infra/temporal/dev-server';
import { freePort } from './free-port';
import { API_CALL_LOG, TEST_ENV_FILE } from './test-env';

const pgBase = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');

/** One set of real servers for the whole integration run: a fresh database, a Redis prefix, Temporal. */
export default async function globalSetup(): Promise<void> {
  const database = `bondx_test_${process.pid}`;
  const appUrl = new URL(pgBase);
  appUrl.username = 'bondx_test_app';
  appUrl.password = 'bondx_test_app';
  appUrl.pathname = `/${database}`;
  const purgeUrl = new URL(appUrl);
  purgeUrl.username = 'bondx_test_audit_purge';
  purgeUrl.password = 'bondx_test_audit_purge';
  const temporalPort = await freePort();
  const env: Record<string, string> = {
    BONDX_ENVIRONMENT: 'test',
    BONDX_DATABASE_ADMIN_URL: `${pgBase}/${database}`,
    BONDX_DATABASE_URL: appUrl.toString(),
    BONDX_AUDIT_PURGE_DATABASE_URL: purgeUrl.toString(),
    BONDX_AUDIT_ANCHOR_DIR: join(__dirname, '..', '..', 'var', `test-audit-anchors-${process.pid}`),
    BONDX_REDIS_PREFIX: `bondx-test-${process.pid}`,
    BONDX_TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    BONDX_LOG_LEVEL: process.env.BONDX_LOG_LEVEL ?? 'silent',
    BONDX_SECRET_KEY: 'integration-test-secret-of-sufficient-length',
    BONDX_RATE_LIMIT_PER_SECOND: '1000',
    BONDX_WORKER_HEARTBEAT_SECONDS: '1',
    BONDX_METRICS_PORT: '0',
    BONDX_DEMO_PASSWORD: 'bondx-demo',
    BONDX_TEST_WORKFLOW_BUNDLE: join(__dirname, '..', '..', 'var', `test-workflow-bundle-${process.pid}.js`),
  };
  Object.assign(process.env, env, { TEST_CALL_LOG: API_CALL_LOG });
  mkdirSync(dirname(API_CALL_LOG), { recursive: true });
  writeFileSync(API_CALL_LOG, '');

  // The database is prepared by the built CLIs in child processes: loading MikroORM's entity
  // metadata here, outside the tests' sandbox, would leak it across Jest's realms.
  const dist = join(__dirname, '..', '..', 'dist', 'db', 'cli');
  if (!existsSync(join(dist, 'migrate.js')))
    throw new Error('Build first: npm run build (npm test does it for you).');
  await dropDatabase(env.BONDX_DATABASE_ADMIN_URL!);
  for (const cli of ['migrate.js', 'seed.js']) {
    execFileSync(process.execPath, [join(dist, cli)], {
      env: process.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  // Every test worker runs this one bundle of the workflow sources: bundling per worker would cost
  // seconds of CPU each, some thirty times a run.
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(env.BONDX_TEST_WORKFLOW_BUNDLE!, code);

  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli((m) => console.log(m)),
    port: temporalPort,
    headless: true,
  });
  (globalThis as Record<string, unknown>).__bondxTemporal = temporal;

  mkdirSync(dirname(TEST_ENV_FILE), { recursive: true });
  writeFileSync(TEST_ENV_FILE, JSON.stringify({ ...env, TEST_CALL_LOG: API_CALL_LOG }, null, 2));
}
