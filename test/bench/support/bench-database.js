'use strict';
// The in-process auction benchmarks' storage: a throw-away database on the machine's PostgreSQL
// (migrated and seeded with the demo data) and a Redis prefix of their own with the risk queue the
// auction activities feed (nothing consumes it; its keys go at the end). Build first (npm run build).
const path = require('path');
const { MikroORM } = require('@mikro-orm/postgresql');
const { Redis } = require('ioredis');
const { Queue } = require('bullmq');
const pino = require('pino');

const dist = (p) => require(path.join(__dirname, '../../../dist', p));
const { ormConfig } = dist('db/orm-config');
const { setUpDatabase } = dist('db/setup');
const { dropDatabase } = dist('db/database-admin');
const { seedDemoData } = dist('db/seed/seed-demo');
const { QUEUES } = dist('platform/queues');

const log = pino({ level: 'warn' });

/** Creates, migrates and seeds `database`; answers its ORM and how to close and drop it. */
async function openBenchDatabase(database, { poolMax }) {
  const pgBase = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
  const adminUrl = `${pgBase}/${database}`;
  const app = new URL(adminUrl);
  app.username = 'bondx_test_app';
  app.password = 'bondx_test_app';
  const appUrl = app.toString();
  await dropDatabase(adminUrl);
  await setUpDatabase({ databaseAdminUrl: adminUrl, databaseUrl: appUrl }, log);
  const orm = await MikroORM.init(ormConfig({ clientUrl: appUrl, poolMax }));
  const close = async () => {
    await orm.close();
    await dropDatabase(adminUrl);
  };
  try {
    await seedDemoData(orm.em.fork(), 'bondx-bench-password');
  } catch (err) {
    await close();
    throw err;
  }
  return { orm, close };
}

/** A Redis connection and a risk queue under `prefix`; close() deletes every key of the prefix. */
function openBenchRedis(prefix) {
  const redis = new Redis(process.env.BONDX_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix });
  return {
    redis,
    riskQueue,
    async close() {
      await riskQueue.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

module.exports = { log, openBenchDatabase, openBenchRedis };
