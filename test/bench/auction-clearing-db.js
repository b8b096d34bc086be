// Benchmark: the clearAuction activity on 100,000 bids stored in PostgreSQL: read the bids, clear,
// store the allotments and bid outcomes, move the allottees' HOUSE positions, one transaction.
// Needs the build (npm run build), PostgreSQL and Redis as for `npm test`.
//   node test/bench/auction-clearing-db.js [--bids 100000] [--participants 200] [--runs 7]
// Each run puts the auction back to CLOSED (allotments and settlements deleted, bids ACTIVE) first.
// Uses a throw-away database bondx_bench_clearing_<pid> and its own Redis prefix.
'use strict';
const path = require('path');
const dist = (p) => require(path.join(__dirname, '../../dist', p));
const { option } = require('./support/bench-options');
const { log, openBenchDatabase, openBenchRedis } = require('./support/bench-database');
const { Auction, Bond, Participant } = dist('db/entities');
const { createHousePortfolio } = dist('db/portfolios/house-portfolio');
const { createAuctionActivities } = dist('activities/auctions');
const { WsEventBus } = dist('platform/ws-events');
const { createMetricsRegistry } = dist('platform/metrics');

const BIDS = option('bids', 100_000);
const PARTICIPANTS = option('participants', 200);
const RUNS = option('runs', 7);

async function setUpAuction(orm) {
  const em = orm.em.fork();
  const bond = (await em.find(Bond, {}, { orderBy: { id: 'asc' }, limit: 1 }))[0];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const participant = em.create(Participant, {
      code: `BENCH${i}`,
      name: `Bench bidder ${i}`,
      kind: 'BANK',
      domicile: 'DOMESTIC',
    });
    createHousePortfolio(em, participant);
  }
  const now = new Date();
  const auction = em.create(Auction, {
    auctionCode: `BENCH_CLEARING_${process.pid}`,
    auctionName: 'Clearing bench',
    auctionType: 'DUTCH',
    bond,
    bidBasis: 'PRICE',
    // ~40% of the demand below, so the cut-off falls mid-book.
    totalLotSize: Math.floor((BIDS * 50.5 * 10_000 * 0.4) / 10_000) * 10_000,
    minimumLotSize: 10_000,
    nonCompetitivePct: 5,
    maxBidderPct: 10,
    reservePrice: '95.0000',
    biddingStartTime: new Date(now.getTime() - 60_000),
    biddingEndTime: now,
    effectiveEndTime: now,
    settlementDelaySeconds: 0,
    workflowId: `auction-BENCH_CLEARING_${process.pid}`,
    createdBy: 0,
  });
  await em.flush();
  // 400 price levels on a 0.0025 grid, amounts of 1-100 lots, and each bench bidder's first bid
  // non-competitive (one per participant is allowed); bid times 1 ms apart.
  await em.execute(
    `insert into auction_bids (id, auction_id, participant_id, client_bid_id, is_non_competitive, price, amount,
                               status, round, request_hash, submitted_by, created_at)
     select gen_random_uuid(), ?, p.id, 'bench-' || g, g <= ?, case when g > ? then 98 + (g * 7919 % 400) * 0.0025 end,
            10000 * (1 + g * 104729 % 100), 'ACTIVE', 1, 'bench', 0, now() - interval '1 hour' + g * interval '1 millisecond'
       from generate_series(1::bigint, ?) g
       join (select id, row_number() over (order by id) - 1 as k from participants where code like 'BENCH%') p
         on p.k = g % ?`,
    [auction.id, PARTICIPANTS, PARTICIPANTS, BIDS, PARTICIPANTS],
  );
  await em.execute(`update auctions set state = 'CLOSED', closed_at = now() where id = ?`, [auction.id]);
  await em.execute('analyze auction_bids');
  return auction.id;
}

async function reopen(orm, auctionId) {
  const em = orm.em.fork();
  await em.execute('delete from auction_allotments where auction_id = ?', [auctionId]);
  await em.execute('delete from auction_settlements where auction_id = ?', [auctionId]);
  await em.execute(`update auction_bids set status = 'ACTIVE' where auction_id = ?`, [auctionId]);
  await em.execute(
    `update auctions set state = 'CLOSED', cleared_at = null, settlement_date = null, result = null where id = ?`,
    [auctionId],
  );
  await em.execute('vacuum analyze auction_bids');
}

async function main() {
  const { orm, close } = await openBenchDatabase(`bondx_bench_clearing_${process.pid}`, { poolMax: 4 });
  const prefix = `bondx-bench-clearing-${process.pid}`;
  const { redis, riskQueue, close: closeRedis } = openBenchRedis(prefix);
  try {
    const auctionId = await setUpAuction(orm);
    const metrics = createMetricsRegistry('bench');
    const activities = createAuctionActivities({
      orm,
      log,
      wsEvents: new WsEventBus(redis, prefix),
      riskQueue,
      metrics,
    });
    const wall = [];
    let outcome;
    for (let i = 0; i < RUNS + 1; i++) {
      await reopen(orm, auctionId);
      const t0 = process.hrtime.bigint();
      outcome = await activities.clearAuction(auctionId, null);
      // The first run warms the code and the connections up.
      if (i > 0) wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const [summary] = await orm.em
      .fork()
      .execute(
        `select count(*)::int as lines, sum(allotted_amount)::text as allotted from auction_allotments where auction_id = ?`,
        [auctionId],
      );
    // The activity's own histogram times the transaction alone (no events, no risk requests).
    const histogram = (await metrics.getSingleMetric('bondx_auction_clearing_seconds').get()).values;
    const sumOf = (name) => histogram.find((v) => v.metricName === name).value;
    const transactionMs =
      (sumOf('bondx_auction_clearing_seconds_sum') / sumOf('bondx_auction_clearing_seconds_count')) * 1000;
    const s = [...wall].sort((a, b) => a - b);
    console.log(`clearAuction activity, ${BIDS} bids in PostgreSQL, ${PARTICIPANTS} bidders, 10% cap, 5% NC`);
    console.log(
      `  wall min ${s[0].toFixed(1)} / median ${s[Math.floor(s.length / 2)].toFixed(1)} / max ${s[s.length - 1].toFixed(1)} ms over ${RUNS} runs; transaction mean ${transactionMs.toFixed(1)} ms (warm-up included)`,
    );
    console.log(
      `  ${outcome.state}: ${summary.lines} allotment lines, ${summary.allotted} allotted, ${outcome.allotteeIds.length} allottees`,
    );
  } finally {
    await closeRedis();
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
