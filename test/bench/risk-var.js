// Micro-benchmark: VaR of a 1,000-position bond book on one core. Needs the build (`npm run build`):
//   node test/bench/risk-var.js [--positions 1000] [--days 1000] [--paths 10000] [--runs 15]
// Each scenario: a few warm-up runs, then timed runs; prints min / median / max in ms against its goal.
'use strict';
const path = require('path');
const { option } = require('./support/bench-options');
const risk = require(path.join(__dirname, '../../dist/domain/risk/index.js'));
const { toRiskPositions } = require(path.join(__dirname, '../../dist/domain/portfolios/risk-positions.js'));
const { portfolioVar, portfolioRisk } = require(
  path.join(__dirname, '../../dist/domain/portfolios/portfolio-var.js'),
);

const POSITIONS = option('positions', 1_000);
const DAYS = option('days', 1_000);
const PATHS = option('paths', 10_000);
const RUNS = option('runs', 15);

const rnd = risk.xoshiro128StarStar(20261124);
const TENORS = ['1Y', '2Y', '5Y', '10Y', '30Y'];
const RATINGS = ['SOVEREIGN', 'AAA', 'AA', 'A', 'BBB'];

// Daily vols in bp (1Y .. 30Y, SPREAD), rates correlated 0.9^|i-j|, spread 0.2 with each rate.
const vols = [6, 5.5, 5, 4.5, 4, 3];
const covariance = risk.covarianceFromCorrelation(
  vols,
  vols.map((_, i) => vols.map((__, j) => (i === j ? 1 : i === 5 || j === 5 ? 0.2 : 0.9 ** Math.abs(i - j)))),
);

/** Each bond: 1-50 crore face, duration 1-15, DV01 split over its two nearest key rates; 60% corporates with spread DV01. */
function makePositions(count) {
  const positions = [];
  for (let i = 0; i < count; i++) {
    const marketValue = 1e7 * (1 + Math.floor(rnd() * 50)) * (rnd() < 0.1 ? -1 : 1);
    const duration = 1 + rnd() * 14;
    const dv01Total = (marketValue * duration) / 1e4;
    const bucket = Math.floor(rnd() * 4);
    const split = rnd();
    const rating = RATINGS[Math.floor(rnd() * RATINGS.length)];
    const dv01 = { [TENORS[bucket]]: dv01Total * split, [TENORS[bucket + 1]]: dv01Total * (1 - split) };
    if (rating !== 'SOVEREIGN') dv01.SPREAD = dv01Total;
    positions.push({
      id: `P${i}`,
      marketValue,
      dv01,
      convexity: duration * duration * 1.1,
      issuer: `ISSUER_${i % 40}`,
      rating,
    });
  }
  return positions;
}

function makeHistory(days) {
  const block = risk.correlatedNormalScenarios(covariance, { paths: days, seed: 99 });
  return Array.from({ length: days }, (_, t) => Array.from(block.values.subarray(t * 6, t * 6 + 6)));
}

/**
 * Real bonds for full revaluation: 1-30 year bullets (semi-annual G-sec style, a fifth annual
 * corporates on ACT/365F with ratings) and some T-bills, each repriced from its cash flows.
 */
function makeHoldings(count) {
  const holdings = [];
  for (let i = 0; i < count; i++) {
    const bill = rnd() < 0.1;
    const years = bill ? 1 : 1 + Math.floor(rnd() * 30);
    const month = 1 + Math.floor(rnd() * 12);
    const corporate = !bill && rnd() < 0.2;
    holdings.push({
      bondId: `B${i}`,
      quantity: 1e5 * (1 + Math.floor(rnd() * 500)) * (rnd() < 0.1 ? -1 : 1),
      couponPct: bill ? 0 : 6 + Math.round(rnd() * 300) / 100,
      maturityDate: `${2026 + years}-${String(month).padStart(2, '0')}-15`,
      frequency: bill ? 0 : corporate ? 1 : 2,
      dayCount: corporate ? 'ACT/365F' : '30/360',
      issuer: `ISSUER_${i % 40}`,
      rating: corporate ? RATINGS[1 + Math.floor(rnd() * 4)] : 'SOVEREIGN',
      yieldPct: 6 + Math.round(rnd() * 200) / 100,
    });
  }
  return holdings;
}

const positions = makePositions(POSITIONS);
const history = makeHistory(DAYS);
const SETTLEMENT = '2026-11-24';
const bonds = toRiskPositions(makeHoldings(POSITIONS), SETTLEMENT).positions;
const apiContext = (days) => ({
  positions: bonds,
  unpriced: [],
  history: history.slice(-days),
  historyDates: [],
  asOf: SETTLEMENT,
});
const defaultCall = apiContext(250);

const scenarios = [
  {
    name: `historical ${DAYS} days, full revaluation of ${POSITIONS} bonds`,
    goal: 500,
    run: () => risk.historicalVar(bonds, history, { confidence: 0.99, revaluation: 'FULL_REVALUATION' }),
  },
  {
    name: 'default API call: historical 250 days, full revaluation',
    goal: 100,
    run: () =>
      portfolioVar({ method: 'HISTORICAL_SIMULATION', confidenceLevel: '0.99', timeHorizon: 1 }, defaultCall),
  },
  {
    name: 'default API call with its decomposition (worker run)',
    goal: undefined,
    run: () =>
      portfolioRisk({ method: 'HISTORICAL_SIMULATION', confidenceLevel: '0.99', timeHorizon: 1 }, defaultCall)
        .result,
  },
  {
    name: `Monte Carlo ${PATHS} paths, full revaluation`,
    goal: undefined,
    run: () =>
      risk.monteCarloVar(bonds, covariance, {
        confidence: 0.99,
        paths: PATHS,
        seed: 1,
        revaluation: 'FULL_REVALUATION',
      }),
  },
  {
    name: `historical ${DAYS} days, delta-gamma, 1-day`,
    goal: 20,
    run: () => risk.historicalVar(positions, history, { confidence: 0.99 }),
  },
  {
    name: `historical ${DAYS} days, delta-gamma, 10-day overlapping`,
    goal: 20,
    run: () => risk.historicalVar(positions, history, { confidence: 0.99, horizonDays: 10 }),
  },
  {
    name: 'parametric delta-normal, 10-day',
    goal: 5,
    run: () => risk.parametricVar(positions, covariance, { confidence: 0.99, horizonDays: 10 }),
  },
  {
    name: 'parametric delta-gamma Cornish-Fisher',
    goal: 5,
    run: () =>
      risk.parametricVar(positions, covariance, { confidence: 0.99, model: 'DELTA_GAMMA_CORNISH_FISHER' }),
  },
  {
    name: `Monte Carlo ${PATHS} paths, delta-gamma`,
    goal: 200,
    run: () => risk.monteCarloVar(positions, covariance, { confidence: 0.99, paths: PATHS, seed: 1 }),
  },
  {
    name: `historical decomposition (${POSITIONS} positions, ES tail)`,
    goal: undefined,
    run: () =>
      risk.decomposeScenarioVar(positions, risk.historicalVar(positions, history, { confidence: 0.99 })),
  },
  {
    name: 'parametric decomposition',
    goal: undefined,
    run: () => risk.decomposeParametricVar(positions, covariance, { confidence: 0.99 }),
  },
  {
    name: `default stress set (${risk.DEFAULT_STRESS_SCENARIOS.length} scenarios), full revaluation`,
    goal: undefined,
    run: () => risk.evaluateStressScenarios(bonds, risk.DEFAULT_STRESS_SCENARIOS),
  },
];

function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

console.log(
  `${POSITIONS} positions, ${DAYS} days, ${PATHS} paths, ${RUNS} timed runs each (node ${process.version})`,
);
for (const scenario of scenarios) {
  for (let i = 0; i < 3; i++) scenario.run();
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = time(scenario.run);
    times.push(ms);
    last = result;
  }
  times.sort((a, b) => a - b);
  const [min, median, max] = [times[0], times[Math.floor(times.length / 2)], times[times.length - 1]];
  const verdict =
    scenario.goal === undefined
      ? ''
      : median < scenario.goal
        ? ` (goal < ${scenario.goal} ms: met)`
        : ` (goal < ${scenario.goal} ms: MISSED)`;
  const value = last && typeof last.var === 'number' ? `  VaR ${last.var.toFixed(0)}` : '';
  console.log(
    `${scenario.name.padEnd(58)} min ${min.toFixed(2)}  median ${median.toFixed(2)}  max ${max.toFixed(2)} ms${verdict}${value}`,
  );
}
