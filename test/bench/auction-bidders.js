'use strict';
// N auctions with M distinct bidders each, at once, through the API: the third part of
// `npm run bench:load`. Figures, not pass/fail, but the allocation is checked.
//   node test/bench/auction-bidders.js [--auctions 200] [--bidders 50] [--bidding-minutes 12]
// On a stack of its own (test/bench/support/bench-stack.js: the built API and temporal worker, a
// throw-away database, a Temporal dev server) with the API's configured per-participant rate limit:
// 1. the admin onboards M bidder members through the API (participant, TRADER user, login; the
//    shared idempotent helper infra/onboarding/onboard-member.ts);
// 2. the auction admin creates N auctions (DUTCH and SEALED_BID in turn, over the demo bonds),
//    each opening 5 s after its creation;
// 3. every bidder sends one bid to every auction with its own token, the M bidders at once (one
//    request in flight each; a 429 is waited out as its Retry-After says and counted);
// 4. the auction admin closes all N at once, and the run waits until every one is CLEARED;
// 5. each auction's allotments are checked against the known answer: bidder b's price in auction i
//    is 99 + ((b + i) mod 10) / 10, 100,000 each, and the notified amount is what the two top
//    levels ask, so exactly those bids are allotted in full and the others nothing.
// Bounded: bids must be in within --bidding-minutes (access tokens live 15 minutes), clearing within
// 15 minutes. Build first (npm run build).
const { performance } = require('node:perf_hooks');
const path = require('node:path');
const { startBenchStack, sleep } = require('./support/bench-stack');
const { option } = require('./support/bench-options');

const DIST = path.join(__dirname, '../../dist');
const { onboardMember } = require(path.join(DIST, 'infra/onboarding/onboard-member.js'));
const { loadConfig } = require(path.join(DIST, 'platform/config.js'));

const AUCTIONS = option('auctions', 200);
const BIDDERS = option('bidders', 50);
const BIDDING_MINUTES = option('bidding-minutes', 12);
const CLEARING_TIMEOUT_MS = 15 * 60_000;
const BID_AMOUNT = 100_000;
const LEVELS = 10;
const PASSWORD = 'bench-bidder-password';

/** Bidder b's price level in auction i; the two highest levels are allotted. */
const levelOf = (b, i) => (b + i) % LEVELS;
const priceOf = (b, i) => (99 + levelOf(b, i) / 10).toFixed(4);
const allottedOf = (b, i) => (levelOf(b, i) >= LEVELS - 2 ? BID_AMOUNT : 0);
const notifiedOf = (i) => {
  let sum = 0;
  for (let b = 0; b < BIDDERS; b++) sum += allottedOf(b, i);
  return sum;
};

/** Runs `task` over `items` with at most `width` in flight; answers the results in order. */
async function pooled(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const k = next++;
        results[k] = await task(items[k], k);
      }
    }),
  );
  return results;
}

/**
 * An API call that must answer one of `expected`: its status and body. A 429 (rate limit) or 503 (the API shedding load:
 * its database pool timed out) is waited out as its Retry-After says and sent again, as a client
 * should; both are counted. Resending is safe: creates carry the caller's own ids.
 */
async function must(stack, counters, method, url, opts, expected) {
  for (;;) {
    const res = await stack.call(method, url, opts);
    if (res.status === 429 || res.status === 503) {
      counters[res.status]++;
      await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
      continue;
    }
    if (!expected.includes(res.status))
      throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return { status: res.status, body: await res.json() };
  }
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function waitUntil(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await check();
    if (state.done) return;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(state)}`);
    await sleep(250);
  }
}

async function main() {
  if (BIDDERS < LEVELS) throw new Error(`--bidders must be at least ${LEVELS}`);
  const rateLimit = loadConfig().rateLimitPerSecond;
  const stack = await startBenchStack({ workers: ['temporal-worker'], rateLimitPerSecond: rateLimit });
  const counters = { 429: 0, 503: 0 };
  const prefix = `LOAD_${process.pid}`;
  try {
    const admin = await stack.login('admin@bondx.local');
    const auctionAdmin = await stack.login('auctionadmin@bondx.local');

    let t = performance.now();
    const codes = Array.from({ length: BIDDERS }, (_, b) => `${prefix}_B${String(b).padStart(3, '0')}`);
    const bidders = await pooled(codes, 4, (code) =>
      onboardMember(stack, admin, { code, roles: ['TRADER'], password: PASSWORD }),
    );
    console.log(
      `  ${BIDDERS} bidders onboarded through the API (participant, TRADER user, login) in ${seconds(performance.now() - t)}`,
    );

    const bonds = (await must(stack, counters, 'GET', '/api/v1/bonds?limit=1000', { token: admin }, [200]))
      .body.items;
    t = performance.now();
    const creationStart = t;
    const end = new Date(Date.now() + BIDDING_MINUTES * 60_000).toISOString();
    const create = async (i) => {
      const code = `${prefix}_A${i}`;
      const body = {
        auction_code: code,
        auction_name: `Load ${i}`,
        auction_type: i % 2 === 0 ? 'DUTCH' : 'SEALED_BID',
        // Auctions on one day are of different securities: spread over the demo bonds.
        bond_isin: bonds[i % bonds.length].isin,
        bid_basis: 'PRICE',
        total_lot_size: notifiedOf(i),
        minimum_lot_size: 10_000,
        reserve_price: '95.0000',
        bidding_start_time: new Date(Date.now() + 5000).toISOString(),
        bidding_end_time: end,
      };
      const res = await must(
        stack,
        counters,
        'POST',
        '/api/v1/auctions/',
        { token: auctionAdmin, body },
        [201, 409],
      );
      // A 409 after a resend: the first attempt was created after all.
      if (res.status !== 409) return res.body;
      return (await must(stack, counters, 'GET', `/api/v1/auctions/${code}`, { token: auctionAdmin }, [200]))
        .body;
    };
    const auctions = await pooled(
      Array.from({ length: AUCTIONS }, (_, i) => i),
      8,
      create,
    );
    const createdMs = performance.now() - t;
    console.log(
      `  ${AUCTIONS} auctions created through the API in ${seconds(createdMs)} (${(AUCTIONS / (createdMs / 1000)).toFixed(1)} auctions/s)`,
    );
    const inState = async (states) => {
      const [row] = await stack.query(
        `select count(*)::int as n from auctions where auction_code like $1 and state::text = any($2)`,
        [`${prefix}_A%`, states],
      );
      return row.n;
    };
    await waitUntil(
      'bidding open',
      async () => ({ done: (await inState(['BIDDING'])) === AUCTIONS, bidding: await inState(['BIDDING']) }),
      120_000,
    );

    // Each bidder walks every auction from its own starting point, so all auctions take bids at once.
    const latencies = [];
    t = performance.now();
    await Promise.all(
      bidders.map(async (bidder, b) => {
        for (let k = 0; k < AUCTIONS; k++) {
          const i = (b * Math.ceil(AUCTIONS / BIDDERS) + k) % AUCTIONS;
          const sent = performance.now();
          await must(
            stack,
            counters,
            'POST',
            `/api/v1/auctions/${auctions[i].auction_id}/bids`,
            {
              token: bidder.token,
              body: { client_bid_id: `a${auctions[i].auction_id}`, price: priceOf(b, i), amount: BID_AMOUNT },
            },
            // 200: a resent bid whose first attempt was stored answers the original.
            [201, 200],
          );
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const bidMs = performance.now() - t;
    latencies.sort((x, y) => x - y);
    console.log(
      `  ${latencies.length} bids from ${BIDDERS} bidders at once in ${seconds(bidMs)} (${(latencies.length / (bidMs / 1000)).toFixed(0)} bids/s);` +
        ` submit p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms;` +
        ` resent after a 429 (limit ${rateLimit}/s per participant): ${counters[429]}, after a 503: ${counters[503]}`,
    );

    t = performance.now();
    await pooled(auctions, 8, (a) =>
      must(
        stack,
        counters,
        'POST',
        `/api/v1/auctions/${a.auction_id}/close`,
        { token: auctionAdmin },
        [200, 409],
      ),
    );
    const closeMs = performance.now() - t;
    await waitUntil(
      'every auction cleared',
      async () => {
        const cleared = await inState(['CLEARED', 'FAILED']);
        return { done: cleared === AUCTIONS, cleared };
      },
      CLEARING_TIMEOUT_MS,
    );
    const clearMs = performance.now() - t;
    console.log(
      `  closed all through the API in ${seconds(closeMs)}; first close -> all ${AUCTIONS} CLEARED: ${seconds(clearMs)}` +
        ` (${(AUCTIONS / (clearMs / 1000)).toFixed(2)} auctions/s cleared)`,
    );
    const wholeMs = performance.now() - creationStart;
    console.log(
      `  first create -> all CLEARED: ${seconds(wholeMs)} (${(AUCTIONS / (wholeMs / 1000)).toFixed(2)} auctions/s end to end)`,
    );

    await verify(stack, prefix, auctions, bidders);
    console.log(
      `  allocation as expected: every auction CLEARED, ${BIDDERS} bids each, its notified amount allotted to exactly the two top price levels in full`,
    );
  } finally {
    await stack.stop();
  }
}

/** Every auction CLEARED with the known answer, per bid and per bidder. */
async function verify(stack, prefix, auctions, bidders) {
  const rows = await stack.query(
    `select a.id as auction_id, a.state::text as state, b.participant_id, b.price::text as price,
            al.allotted_amount::bigint as allotted
       from auctions a
       join auction_bids b on b.auction_id = a.id
       left join auction_allotments al on al.bid_id = b.id
      where a.auction_code like $1`,
    [`${prefix}_A%`],
  );
  const bidderOf = new Map(bidders.map((x, b) => [x.participantId, b]));
  const indexOf = new Map(auctions.map((a, i) => [a.auction_id, i]));
  const problems = [];
  const perAuction = new Map();
  const perBidder = new Map();
  for (const r of rows) {
    const i = indexOf.get(r.auction_id);
    const b = bidderOf.get(r.participant_id);
    if (r.state !== 'CLEARED') problems.push(`auction ${r.auction_id} is ${r.state}`);
    if (r.price !== priceOf(b, i)) problems.push(`auction ${r.auction_id} bidder ${b}: price ${r.price}`);
    const allotted = Number(r.allotted ?? -1);
    if (allotted !== allottedOf(b, i))
      problems.push(
        `auction ${r.auction_id} bidder ${b}: allotted ${allotted}, expected ${allottedOf(b, i)}`,
      );
    const a = perAuction.get(i) ?? { bids: new Set(), allotted: 0 };
    a.bids.add(b);
    a.allotted += allotted;
    perAuction.set(i, a);
    perBidder.set(b, (perBidder.get(b) ?? 0) + allotted);
  }
  auctions.forEach((_, i) => {
    const a = perAuction.get(i);
    if (!a || a.bids.size !== bidders.length) problems.push(`auction ${i}: ${a?.bids.size ?? 0} bidders`);
    else if (a.allotted !== notifiedOf(i))
      problems.push(`auction ${i}: ${a.allotted} allotted of ${notifiedOf(i)}`);
  });
  bidders.forEach((_, b) => {
    let expected = 0;
    auctions.forEach((__, i) => (expected += allottedOf(b, i)));
    if (perBidder.get(b) !== expected)
      problems.push(`bidder ${b}: ${perBidder.get(b)} allotted, expected ${expected}`);
  });
  if (rows.length !== auctions.length * bidders.length)
    problems.push(`${rows.length} bids stored, expected ${auctions.length * bidders.length}`);
  if (problems.length) throw new Error(`allocation check failed:\n  ${problems.slice(0, 20).join('\n  ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
