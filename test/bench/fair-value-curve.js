// Micro-benchmark: what a fair-value request costs beyond its database reads, with and without the
// per-family curve cache. Needs the build (`npm run build`):
//   node test/bench/fair-value-curve.js [--bonds 20] [--trades 2000] [--touches 20] [--runs 30]
// "refit" is what every /analytics request did before the cache (observations from every trade of
// the last 5 days, then the robust NSS fit); "cached" is a request whose inputs are unchanged (the
// key of the inputs, then the lookup). Prints min / median / p95 in ms.
'use strict';
const path = require('path');
const { option } = require('./support/bench-options');
const fv = require(path.join(__dirname, '../../dist/domain/fair-value/index.js'));

const BONDS = option('bonds', 20);
const TRADES = option('trades', 2_000);
const TOUCHES = option('touches', 20);
const RUNS = option('runs', 30);

let seed = 20261124;
const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

const settlementDate = '2026-11-24';
const nowMs = Date.parse('2026-11-24T10:00:00Z');
const reference = [0.25, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30].map((years) => ({
  years,
  yieldPct: 6.5 + 0.9 * (1 - Math.exp(-years / 4)),
}));
const bonds = Array.from({ length: BONDS }, (_, i) => {
  const year = 2027 + Math.floor((i * 29) / BONDS);
  return {
    id: i + 1,
    code: `B${i + 1}`,
    terms: { couponPct: 7 + (i % 5) * 0.25, maturityDate: `${year}-06-15`, frequency: 2, dayCount: '30/360' },
    lotSize: 10_000,
    referenceYieldPct: 7 + 0.5 * rnd(),
  };
});
const fairPrice = (bond) => fv.bondPriceAt(bond.terms, settlementDate, 7 + (bond.id % 7) * 0.1);
const trades = Array.from({ length: TRADES }, () => {
  const bond = bonds[Math.floor(rnd() * BONDS)];
  return {
    bondId: bond.id,
    price: Math.round((fairPrice(bond) + (rnd() - 0.5) * 0.4) / 0.0025) * 0.0025,
    quantity: 10_000 * (1 + Math.floor(rnd() * 10)),
    atMs: nowMs - Math.floor(rnd() * 5 * 86_400_000),
  };
});
const touches = bonds.slice(0, TOUCHES).map((bond) => ({
  bondId: bond.id,
  bid: Math.round((fairPrice(bond) - 0.05) / 0.0025) * 0.0025,
  ask: Math.round((fairPrice(bond) + 0.05) / 0.0025) * 0.0025,
  quantity: 50_000,
  atMs: nowMs - 60_000,
}));
const inputs = { settlementDate, bonds, trades, touches, reference };

function refit() {
  const observations = fv.marketObservations({ bonds, trades, touches, nowMs, settlementDate });
  return { curve: fv.buildFamilyCurve(observations, reference), observations };
}

function time(fn) {
  for (let i = 0; i < 3; i++) fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return `min ${ms[0].toFixed(3)}  median ${at(0.5).toFixed(3)}  p95 ${at(0.95).toFixed(3)}`;
}

const cache = new fv.FittedCurveCache(30_000);
const { curve } = refit();
console.log(
  `family of ${BONDS} bonds, ${TRADES} trades, ${TOUCHES} touches: ${curve.source}, fit error ${curve.fitErrorBp.toFixed(2)} bp; ${RUNS} runs, ms`,
);
console.log(`  refit (a miss; every request before): ${time(refit)}`);
console.log(
  `    of which observations only:         ${time(() => fv.marketObservations({ bonds, trades, touches, nowMs, settlementDate }))}`,
);
cache.get('bench', fv.curveInputsKey(inputs), nowMs, refit);
console.log(
  `  cached, inputs unchanged (a hit):     ${time(() => {
    if (!cache.get('bench', fv.curveInputsKey(inputs), nowMs, refit).hit) throw new Error('cache missed');
  })}`,
);
