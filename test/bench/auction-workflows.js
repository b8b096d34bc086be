// Benchmark: N auction workflows at once on one in-process worker, from creation to every auction
// SETTLED (bidding, close, clearing, DvP settlement of every allottee). Needs the build (npm run build),
// PostgreSQL and Redis as for `npm test`, and the Temporal CLI (built by `npm start` / `npm test`).
//   node test/bench/auction-workflows.js [--auctions 200] [--bids 14] [--bidding-seconds 10]
//     [--workflow-tasks N] [--activity-tasks N] [--cache N] [--workflow-pollers N] [--activity-pollers N]
//   The worker's concurrency; each defaults to the real worker's (BONDX_TEMPORAL_* variables, README).
// Uses a throw-away database bondx_bench_<pid>, its own Redis prefix and its own Temporal dev server.
'use strict';
const path = require('path');
const dist = (p) => require(path.join(__dirname, '../../dist', p));
const { Client, Connection } = require('@temporalio/client');
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');
const { option } = require('./support/bench-options');
const { log, openBenchDatabase, openBenchRedis } = require('./support/bench-database');
const { loadConfig } = dist('platform/config');
const { workerConcurrency } = dist('platform/temporal-worker-options');
const { Auction, Bond, Participant } = dist('db/entities');
const { createAuctionActivities } = dist('activities/auctions');
const { WsEventBus } = dist('platform/ws-events');
const { createMetricsRegistry } = dist('platform/metrics');
const { ensureTemporalCli } = dist('infra/temporal/temporal-cli');
const { startTemporalDevServer } = dist('infra/temporal/dev-server');
const { workflowInputOf } = dist('api/areas/auctions/auction-workflows');

const AUCTIONS = option('auctions', 200);
const BIDS = option('bids', 14);
const BIDDING_SECONDS = option('bidding-seconds', 10);
const defaults = loadConfig().temporal.worker;
const concurrency = {
  workflowTaskSlots: option('workflow-tasks', defaults.workflowTaskSlots),
  activityTaskSlots: option('activity-tasks', defaults.activityTaskSlots),
  workflowCacheSize: option('cache', defaults.workflowCacheSize),
  workflowPollers: option('workflow-pollers', defaults.workflowPollers),
  activityPollers: option('activity-pollers', defaults.activityPollers),
};
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

/** Calls, total and slowest milliseconds per activity name. */
const activityTimes = new Map();
function timed(activities) {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...a) => {
        const t0 = process.hrtime.bigint();
        try {
          return await fn(...a);
        } finally {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          const t = activityTimes.get(name) ?? { calls: 0, total: 0, max: 0 };
          activityTimes.set(name, { calls: t.calls + 1, total: t.total + ms, max: Math.max(t.max, ms) });
        }
      },
    ]),
  );
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid) {
  try {
    const fields = require('fs').readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function countIn(orm, states) {
  const list = states.map((s) => `'${s}'`).join(', ');
  const rows = await orm.em
    .fork()
    .execute(`select count(*)::int as n from auctions where state in (${list})`);
  return rows[0].n;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { orm, close } = await openBenchDatabase(`bondx_bench_${process.pid}`, {
    poolMax: loadConfig().database.poolMax,
  });
  const temporal = await startTemporalDevServer({
    cliPath: ensureTemporalCli((m) => console.log(m)),
    port: await freePort(),
    headless: true,
  });
  const prefix = `bondx-bench-${process.pid}`;
  const taskQueue = `bench-${process.pid}`;
  const { redis, riskQueue, close: closeRedis } = openBenchRedis(prefix);
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../dist/workflows'),
    ...workerConcurrency(concurrency),
    // The auction and settlement activities only (the audit and compliance ones need the whole
    // config), each timed: where the time goes is the question this bench answers.
    activities: timed(
      createAuctionActivities({
        orm,
        log,
        wsEvents: new WsEventBus(redis, prefix),
        riskQueue,
        metrics: createMetricsRegistry('bench'),
      }),
    ),
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
    // On a shared machine wall time counts waiting for a core; CPU used by this process (worker and
    // activities) and by its Temporal server says what the workflows themselves cost.
    const cpu0 = { worker: process.cpuUsage(), server: cpuSecondsOf(temporal.process.pid) };
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
    const workerCpu = process.cpuUsage(cpu0.worker);
    const serverCpu = cpuSecondsOf(temporal.process.pid);
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
        ` (${JSON.stringify(concurrency)})`,
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
    console.log(
      `  CPU from workflow start       : this process ${((workerCpu.user + workerCpu.system) / 1e6).toFixed(1)} s, Temporal server ${
        serverCpu === null || cpu0.server === null ? 'n/a' : `${(serverCpu - cpu0.server).toFixed(1)} s`
      }`,
    );
    const [history] = await orm.em.fork().execute(`select count(*)::int as n from auction_settlements`);
    console.log(`  allottee settlements          : ${history.n}`);
    console.log('  activity                 calls   mean ms    max ms   total s');
    for (const [name, t] of [...activityTimes.entries()].sort((a, b) => b[1].total - a[1].total)) {
      console.log(
        `  ${name.padEnd(22)} ${String(t.calls).padStart(7)} ${(t.total / t.calls).toFixed(1).padStart(9)} ${t.max.toFixed(0).padStart(9)} ${(t.total / 1000).toFixed(1).padStart(9)}`,
      );
    }
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
    await closeRedis();
    await temporal.stop();
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
