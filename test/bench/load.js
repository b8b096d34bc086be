'use strict';
// `npm run bench:load`: figures, not pass/fail, on this machine against loopback only.
//   node test/bench/load.js [--seconds 10] [--rates 250,500,1000,...] [--storm-seconds 20]
//     [--auctions 200] [--bidders 50] [--skip-auctions]
// 1. Authenticated order entry at rising fixed rates until the acknowledgement p99 passes 10 ms or
//    the rate stops rising: per step the achieved rate, ack p50/p99/p99.9 and the delivery latency
//    of each order's first private WebSocket event, measured at the same time.
// 2. Risk recomputation under a fill storm: crossing orders fill at half the sustained rate while
//    the risk worker runs; the queue depth is sampled (automatic jobs are coalesced per portfolio).
// 3. 200 auctions with 50 distinct bidders each at once, every bid through the API with the bidder's
//    own token, the allocation checked (test/bench/auction-bidders.js, a stack of its own).
// Each part stops by itself; the whole run takes a few minutes. Build first (npm run build).
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startBenchStack, orderLoad, ramp, sleep } = require('./support/bench-stack');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const SECONDS = Number(option('seconds', 10));
const RATES = option('rates', '50,100,200,400,700,1000,1500,2000,3000,4000').split(',').map(Number);
const STORM_SECONDS = Number(option('storm-seconds', 20));
const AUCTIONS = option('auctions', '200');
const BIDDERS = option('bidders', '50');

async function fillStorm(stack, load, rate) {
  const [before] = await stack.query(`select count(*)::int as n from risk_runs`);
  await stack.startWorker('risk-worker');
  let maxDepth = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxDepth = Math.max(maxDepth, (await stack.queues()).risk_jobs);
      await sleep(250);
    }
  })();
  const [fillsBefore] = await stack.query(`select count(*)::int as n from trades`);
  const result = await load.at(rate, STORM_SECONDS);
  // Let the worker drain what the storm left.
  const drainStart = Date.now();
  while ((await stack.queues()).risk_jobs > 0 && Date.now() - drainStart < 120_000) await sleep(250);
  sampling = false;
  await sampler;
  const [fills] = await stack.query(`select count(*)::int - $1 as n from trades`, [fillsBefore.n]);
  const runs = await stack.query(
    `select trigger::text, status::text, count(*)::int as n from risk_runs
      where created_at > now() - make_interval(secs => $1) group by 1, 2 order by 1, 2`,
    [STORM_SECONDS + 150],
  );
  const [portfolios] = await stack.query(`select count(*)::int as n from portfolios where kind = 'HOUSE'`);
  const [after] = await stack.query(`select count(*)::int as n from risk_runs`);
  return {
    rate,
    seconds: STORM_SECONDS,
    orders_acknowledged: result['2xx'],
    trades: fills.n,
    risk_runs_created: after.n - before.n,
    runs,
    house_portfolios: portfolios.n,
    max_queue_depth: maxDepth,
    drained_after_s: ((Date.now() - drainStart) / 1000).toFixed(1),
  };
}

async function main() {
  console.log(
    `bench:load on ${require('node:os').cpus().length} cores, load average ${require('node:os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const stack = await startBenchStack({ workers: ['matching-worker'] });
  try {
    const load = await orderLoad(stack);
    await load.at(300, 3); // warm-up: JIT, pools, the first book
    console.log(`== order entry: ${SECONDS} s per step, 32 connections, crossing orders on one bond`);
    const result = await ramp(load, {
      rates: RATES,
      seconds: SECONDS,
      log: (s) =>
        console.log(
          `  target ${s.target}/s: achieved ${s.achieved}/s, errors ${s.non2xx}; ack p50 ${s.ack_p50} ms, p99 ${s.ack_p99} ms, p99.9 ${s.ack_p999} ms;` +
            ` WebSocket delivery p50 ${s.ws_p50} ms, p99 ${s.ws_p99} ms (${s.ws_events} events)`,
        ),
    });
    const { sustained, capacity } = result;
    console.log(
      sustained
        ? `  sustained with ack p99 <= 10 ms: ${sustained.achieved} orders/s (p50 ${sustained.ack_p50} ms, p99 ${sustained.ack_p99} ms, p99.9 ${sustained.ack_p999} ms)`
        : `  no step kept the ack p99 within 10 ms; the most achieved: ${capacity} orders/s`,
    );
    const stormRate = Math.max(10, Math.round(capacity / 2));
    console.log(
      `== risk recomputation under a fill storm: ${stormRate} orders/s for ${STORM_SECONDS} s, risk worker running`,
    );
    const storm = await fillStorm(stack, load, stormRate);
    console.log(
      `  ${storm.orders_acknowledged} orders, ${storm.trades} trades over ${storm.house_portfolios} HOUSE portfolios -> ${storm.risk_runs_created} risk runs` +
        ` (${storm.runs.map((r) => `${r.trigger}/${r.status} ${r.n}`).join(', ')}); risk queue depth max ${storm.max_queue_depth}, drained ${storm.drained_after_s} s after the storm`,
    );
    load.close();
  } finally {
    await stack.stop();
  }
  if (!args.includes('--skip-auctions')) {
    console.log(
      `== ${AUCTIONS} auctions with ${BIDDERS} bidders each at once, through the API (test/bench/auction-bidders.js)`,
    );
    const r = spawnSync(
      process.execPath,
      [path.join(__dirname, 'auction-bidders.js'), '--auctions', AUCTIONS, '--bidders', BIDDERS],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error(`auction-bidders.js exited with ${r.status}`);
  }
  console.log(
    `load average at the end: ${require('node:os')
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
