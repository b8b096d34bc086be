// Benchmark: N auction workflows at once on one in-process worker, from creation to every auction
// SETTLED (bidding, close, clearing, DvP settlement of every allottee). Needs the build (npm run build),
// PostgreSQL and Redis as for `npm test`, and the Temporal CLI (built by `npm start` / `npm test`).
//   node test/bench/auction-workflows.js [--auctions 200] [--bids 14] [--bidding-seconds 10]
//     [--workflow-tasks N] [--activity-tasks N]   (the worker's concurrent task limits; SDK defaults when absent)
// Uses a throw-away database bondx_bench_<pid>, its own Redis prefix and its own Temporal dev server.
'use strict';
const path = require('path');
const dist = (p) => require(path.join(__dirname, '../../dist', p));
const { MikroORM } = require('@mikro-orm/postgresql');
const { Client, Connection } = require('@temporalio/client');
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');
const { Redis } = require('ioredis');
const { Queue } = require('bullmq');
const pino = require('pino');
const { ormConfig } = dist('db/orm-config');
const { setUpDatabase } = dist('db/setup');
const { dropDatabase } = dist('db/database-admin');
const { seedDemoData } = dist('db/seed/seed-demo');
const { Auction, Bond, Participant } = dist('db/entities');
const { createAuctionActivities } = dist('activities/auctions');
const { QUEUES } = dist('platform/queues');
const { WsEventBus } = dist('platform/ws-events');
const { createMetricsRegistry } = dist('platform/metrics');
const { ensureTemporalCli } = dist('infra/temporal/temporal-cli');
const { startTemporalDevServer } = dist('infra/temporal/dev-server');
const { workflowInputOf } = dist('api/areas/auctions/auction-workflows');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const AUCTIONS = option('auctions', 200);
const BIDS = option('bids', 14);
const BIDDING_SECONDS = option('bidding-seconds', 10);
const WORKFLOW_TASKS = option('workflow-tasks', undefined);
const ACTIVITY_TASKS = option('activity-tasks', undefined);
const pgBase = (process.env.BONDX_TEST_PG ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const database = `bondx_bench_${process.pid}`;
const adminUrl = `${pgBase}/${database}`;
const appUrl = (() => {
  const u = new URL(adminUrl);
  u.username = 'bondx_test_app';
  u.password = 'bondx_test_app';
  return u.toString();
})();
const log = pino({ level: 'warn' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = require('net').createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function countIn(orm, states) {
  const list = states.map((s) => `'${s}'`).join(', ');
  const rows = await orm.em
    .fork()
    .execute(`select count(*)::int as n from auctions where state in (${list})`);
  return rows[0].n;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  await dropDatabase(adminUrl);
  await setUpDatabase({ databaseAdminUrl: adminUrl, databaseUrl: appUrl }, log);
  const orm = await MikroORM.init(ormConfig({ clientUrl: appUrl, poolMax: 20 }));
  await seedDemoData(orm.em.fork(), 'bondx-bench-password');
  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli((m) => console.log(m)),
    port: await freePort(),
    headless: true,
  });
  const redis = new Redis(process.env.BONDX_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `bondx-bench-${process.pid}`;
  const taskQueue = `bench-${process.pid}`;
  // Allotments ask for risk recomputes; nothing consumes this bench's queue, and its keys go at the end.
  const riskQueue = new Queue(QUEUES.riskRecompute, { connection: redis, prefix });
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../dist/workflows'),
    maxConcurrentWorkflowTaskExecutions: WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: ACTIVITY_TASKS,
    // The auction and settlement activities only: the audit and compliance ones need the whole config.
    activities: createAuctionActivities({
      orm,
      log,
      wsEvents: new WsEventBus(redis, prefix),
      riskQueue,
      metrics: createMetricsRegistry('bench'),
    }),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  try {
    const em = orm.em.fork();
    // Auctions on the same day are of different securities: spread them over the demo bonds.
    const bonds = await em.find(Bond, {}, { orderBy: { id: 'asc' } });
    const members = await em.find(Participant, { isVenueOperator: false }, { orderBy: { id: 'asc' } });
    const t0 = Date.now();
    // Bidding opens a few seconds out, so every workflow is waiting on its timer before the first opens.
    const open = new Date(t0 + 5000);
    const end = new Date(open.getTime() + BIDDING_SECONDS * 1000);
    const auctions = [];
    for (let i = 0; i < AUCTIONS; i++) {
      auctions.push(
        em.create(Auction, {
          auctionCode: `BENCH_${process.pid}_${i}`,
          auctionName: `Bench ${i}`,
          auctionType: i % 2 === 0 ? 'DUTCH' : 'SEALED_BID',
          bond: bonds[i % bonds.length],
          bidBasis: 'PRICE',
          totalLotSize: 1_000_000,
          minimumLotSize: 10_000,
          reservePrice: '95.0000',
          biddingStartTime: open,
          biddingEndTime: end,
          effectiveEndTime: end,
          settlementDelaySeconds: 0,
          workflowId: `auction-BENCH_${process.pid}_${i}`,
          createdBy: 0,
        }),
      );
    }
    await em.flush();
    // The bids straight into the table (the API's insert without HTTP): the clearing reads them at the close.
    for (const a of auctions) {
      const values = [];
      const params = [];
      for (let b = 0; b < BIDS; b++) {
        const member = members[b % members.length];
        values.push(`(gen_random_uuid(), ?, ?, ?, false, ?, ?, 'ACTIVE', 1, 'bench', 0, clock_timestamp())`);
        params.push(
          a.id,
          member.id,
          `bench-${a.id}-${b}`,
          (99 + (b % 8) * 0.125).toFixed(4),
          100_000 + 10_000 * (b % 5),
        );
      }
      await orm.em.fork().execute(
        `insert into auction_bids (id, auction_id, participant_id, client_bid_id, is_non_competitive, price, amount, status, round, request_hash, submitted_by, created_at)
         values ${values.join(', ')}`,
        params,
      );
    }
    const bidsIn = Date.now();
    await Promise.all(
      auctions.map((a) =>
        client.workflow.start('auctionWorkflow', {
          taskQueue,
          workflowId: a.workflowId,
          args: [workflowInputOf(a)],
        }),
      ),
    );
    const started = Date.now();
    let settled = 0;
    const deadline = Date.now() + 30 * 60_000;
    while ((settled = await countIn(orm, ['SETTLED', 'FAILED'])) < AUCTIONS) {
      if (Date.now() > deadline)
        throw new Error(`only ${settled} of ${AUCTIONS} auctions finished in 30 minutes`);
      await sleep(200);
    }
    const done = Date.now();
    const failed = await countIn(orm, ['FAILED']);
    const [phases] = await orm.em.fork().execute(
      `select max(extract(epoch from closed_at - bidding_end_time))::numeric(9,2)::text as close,
              max(extract(epoch from cleared_at - closed_at))::numeric(9,2)::text as clear,
              max(extract(epoch from settled_at - cleared_at))::numeric(9,2)::text as settle
       from auctions`,
    );
    const ms = (a, b) => `${((b - a) / 1000).toFixed(2)} s`;
    console.log(
      `${AUCTIONS} auctions, ${BIDS} bids each, bidding ${BIDDING_SECONDS} s from t+5 s, one worker` +
        ` (workflow tasks ${WORKFLOW_TASKS ?? 'default'}, activity tasks ${ACTIVITY_TASKS ?? 'default'})`,
    );
    console.log(`  created, bids inserted        : ${ms(t0, bidsIn)}`);
    console.log(`  workflows started             : ${ms(bidsIn, started)}`);
    console.log(`  bidding end -> all settled    : ${ms(end.getTime(), done)}`);
    console.log(
      `  creation -> all settled       : ${ms(t0, done)} (${settled - failed} SETTLED, ${failed} FAILED)`,
    );
    console.log(
      `  slowest auction, seconds      : end->closed ${phases.close}, closed->cleared ${phases.clear}, cleared->settled ${phases.settle}`,
    );
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
    await orm.close();
    await riskQueue.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await temporal.stop();
    await dropDatabase(adminUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
