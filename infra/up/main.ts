import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../db/orm-config';
import { seedAll } from '../../db/seed/seed-all';
import { DEMO_USERS } from '../../db/seed/demo-data';
import { setUpDatabase } from '../../db/setup';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { connectRedis, createRedis } from '../../platform/redis';
import { ensureTemporalCli } from '../temporal/temporal-cli';
import { isTemporalReachable, startTemporalDevServer, type DevServer } from '../temporal/dev-server';
import { processPlan } from './process-plan';
import { Supervisor } from './supervisor';

const ROOT = join(__dirname, '..', '..', '..');
const VAR = join(ROOT, 'var');
const LOCAL_TEMPORAL = { ip: '127.0.0.1', port: 7233, uiPort: 8233 };

async function waitForHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** `npm start`: dependencies, database, demo data, Temporal, then every BondX process. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'up');
  const say = (msg: string) => log.info(msg);

  await connectRedis(createRedis(config.redisUrl, 'command', 'bondx-up'), config.redisUrl).then((r) =>
    r.disconnect(),
  );

  let temporal: DevServer | undefined;
  let temporalAddress = config.temporal.address;
  let temporalUi = config.temporal.uiUrl;
  if (await isTemporalReachable(temporalAddress)) {
    say(`using the Temporal server at ${temporalAddress}`);
  } else {
    if (process.env.BONDX_TEMPORAL_ADDRESS)
      say(`BONDX_TEMPORAL_ADDRESS=${temporalAddress} does not answer; starting a local dev server`);
    const cliPath = ensureTemporalCli(say);
    mkdirSync(VAR, { recursive: true });
    temporal = await startTemporalDevServer({
      cliPath,
      ...LOCAL_TEMPORAL,
      namespace: config.temporal.namespace,
      dbFilename: join(VAR, 'temporal', 'bondx.db'),
      logFile: createWriteStream(join(VAR, 'temporal.log'), { flags: 'a' }),
    });
    temporalAddress = temporal.address;
    temporalUi = `http://${LOCAL_TEMPORAL.ip}:${LOCAL_TEMPORAL.uiPort}`;
    say(
      `Temporal dev server running at ${temporalAddress} (state in var/temporal/bondx.db, log in var/temporal.log)`,
    );
  }

  await setUpDatabase(config, log);
  if (config.environment !== 'production') {
    const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 2 }));
    try {
      await seedAll(orm, config.demoPassword, log, config.environment);
    } finally {
      await orm.close();
    }
  }

  const env = { ...process.env, BONDX_TEMPORAL_ADDRESS: temporalAddress, BONDX_TEMPORAL_UI_URL: temporalUi };
  const supervisor = new Supervisor(say);
  for (const p of processPlan(config)) {
    supervisor.start({
      name: p.name,
      script: join(ROOT, 'dist', 'workers', `${p.script}.js`),
      env: { ...env, ...p.env },
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping every process`);
    await supervisor.stopAll();
    await temporal?.stop();
    say('all stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const api = `http://localhost:${config.port}`;
  const healthy = await waitForHealthy(`${api}/health`, 90_000);
  const demo =
    config.environment === 'production'
      ? []
      : DEMO_USERS.map((u) => `    ${u.username.padEnd(28)} ${u.roles.join(', ')}`);
  process.stdout.write(
    [
      '',
      healthy ? 'BondX is up.' : 'BondX started, but /health is not green yet: see the logs above.',
      `  API          ${api}`,
      ...Array.from(
        { length: config.apiInstances - 1 },
        (_, i) => `               http://localhost:${config.port + i + 1}`,
      ),
      `  Matching     ${config.matchingShards} shard(s), one process each (owners in /health)`,
      `  API docs     ${api}/docs`,
      `  Health       ${api}/health     Metrics ${api}/metrics`,
      `  Temporal UI  ${temporalUi}`,
      `  bull-board   ${api}/admin/queues?access_token=<token of admin@ or ops@>`,
      ...(demo.length ? [`  Demo users (password: BONDX_DEMO_PASSWORD, default bondx-demo):`, ...demo] : []),
      '  Log in:  curl -s localhost:' + config.port + '/auth/login -H "content-type: application/json" \\',
      `             -d '{"username":"trader1@bondx.local","password":"bondx-demo"}'`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(`\nnpm start failed: ${err?.message ?? err}\n`);
  process.exit(1);
});
