// Micro-benchmark: clear 100,000 sealed bids. Needs the compiled module:
//   npx tsc --outDir dist --rootDir . --module commonjs --target ES2022 --strict --skipLibCheck domain/auctions/index.ts
//   node test/bench/auction-clearing.js [--bids 100000] [--runs 15]
// Each scenario: a few warm-up clears, then timed runs; prints min / median / max in ms (goal: < 250 ms).
'use strict';
const path = require('path');
const { option } = require('./support/bench-options');
const { clearAuction } = require(path.join(__dirname, '../../dist/domain/auctions/index.js'));

const BIDS = option('bids', 100_000);
const RUNS = option('runs', 15);

// mulberry32: a seeded PRNG so every run clears the same book.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOT = 10_000;
const iso = (ms) => new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + ms).toISOString();

/** `levels` distinct prices (or yields) on a 0.0025 grid; 5% non-competitive; ~2,000 participants. */
function makeBids(count, levels, basis, seed) {
  const rnd = prng(seed);
  const bids = new Array(count);
  for (let i = 0; i < count; i++) {
    const base = {
      id: `bid-${i}`,
      participantId: 1 + Math.floor(rnd() * 2_000),
      time: iso(i * 7),
      amount: LOT * (1 + Math.floor(rnd() * 100)),
    };
    if (rnd() < 0.05) bids[i] = { ...base, nonCompetitive: true };
    else {
      const tick = Math.floor(rnd() * levels);
      bids[i] =
        basis === 'PRICE'
          ? { ...base, price: (9800 + tick * 0.25) / 100 + '' }
          : { ...base, yield: (700 + tick * 0.25) / 100 + '' };
    }
  }
  return bids;
}

function totalOf(bids) {
  return bids.reduce((s, b) => s + b.amount, 0);
}

// The notified amount is ~40% of demand so the cut-off falls mid-book.
const notifiedFor = (bids) => Math.floor((totalOf(bids) * 0.4) / LOT) * LOT;
const linearPriceFromYield = (y, c) => (100 + 5 * (Number(c) - Number(y))).toFixed(4);

const scenarios = [
  (() => {
    const bids = makeBids(BIDS, 400, 'PRICE', 1);
    return {
      name: 'DUTCH price, 400 levels, 5% NC, 10% cap',
      run: () =>
        clearAuction(
          {
            format: 'DUTCH',
            totalLotSize: notifiedFor(bids),
            minimumLotSize: LOT,
            bidBasis: 'PRICE',
            nonCompetitivePct: 5,
            maxBidderPct: 10,
          },
          bids,
        ),
    };
  })(),
  (() => {
    const bids = makeBids(BIDS, 400, 'YIELD', 2);
    return {
      name: 'SEALED_BID yield multiple, 400 levels, re-issue with accrued',
      run: () =>
        clearAuction(
          {
            format: 'SEALED_BID',
            totalLotSize: notifiedFor(bids),
            minimumLotSize: LOT,
            bidBasis: 'YIELD',
            nonCompetitivePct: 5,
            couponPct: '7.18',
          },
          bids,
          { priceFromYield: linearPriceFromYield, accruedPer100: '1.234567' },
        ),
    };
  })(),
  (() => {
    const bids = makeBids(BIDS, 1, 'PRICE', 3);
    return {
      name: 'worst case: every bid at one price (pro-rata over all)',
      run: () =>
        clearAuction(
          { format: 'DUTCH', totalLotSize: notifiedFor(bids), minimumLotSize: LOT, bidBasis: 'PRICE' },
          bids,
        ),
    };
  })(),
];

// Not a clearing: the least any clearing must do (read every bid, parse its price, check its id is
// new, build one result row per bid). On a machine where fresh memory is slow to fault in, this floor
// says how much of a figure is the machine's.
{
  const bids = makeBids(BIDS, 400, 'PRICE', 4);
  scenarios.unshift({
    name: 'floor (not a clearing): read, parse and echo every bid',
    run: () => {
      const seen = new Set();
      const rows = bids.map((b) => {
        seen.add(b.id);
        const price = b.price === undefined ? 0 : Math.round(Number(b.price) * 10_000);
        return {
          bidId: b.id,
          participantId: b.participantId,
          bidAmount: b.amount,
          allottedAmount: 0,
          price,
          consideration: '0.00',
        };
      });
      return { totalAllotted: 0, targetAmount: 0, cutoffPrice: null, cutoffBidCount: rows.length };
    },
  });
}

for (const scenario of scenarios) {
  for (let i = 0; i < 3; i++) scenario.run();
  const wall = [];
  const cpu = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = scenario.run();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  // CPU time beside wall time: on a shared machine the wall clock also counts time spent waiting for a core.
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return `min ${s[0].toFixed(1)} / median ${s[Math.floor(s.length / 2)].toFixed(1)} / max ${s[s.length - 1].toFixed(1)} ms`;
  };
  console.log(`${scenario.name}: ${BIDS} bids`);
  console.log(`  wall ${stats(wall)}; cpu ${stats(cpu)}`);
  console.log(
    `  allotted ${result.totalAllotted} of ${result.targetAmount}, cut-off ${result.cutoffPrice}, ${result.cutoffBidCount} bids at it`,
  );
}
