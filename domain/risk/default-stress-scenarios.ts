import { irrbbScenarios } from './irrbb';
import type { InterestRateScenario, SpreadShockByRating, StressScenario } from './stress-types';

/** Illustrative spread widening by rating, in bp; not a calibration. Defaulted (D) paper trades on recovery. */
export const SPREAD_WIDENING_BY_RATING: SpreadShockByRating = {
  SOVEREIGN: 0,
  AAA: 50,
  AA: 100,
  A: 200,
  BBB: 350,
  BB: 600,
  B: 900,
  C: 1500,
  D: 0,
};

/**
 * A 2008-style crash for an Indian bond book, illustrative: the mid-2008 sell-off in G-secs (about
 * +150 bp), corporate spreads widening as they did into late 2008, a fire-sale discount, and
 * volatilities tripled.
 */
const MARKET_CRASH_2008: StressScenario = {
  scenario_name: 'MARKET_CRASH_2008',
  scenario_type: 'MARKET_CRASH',
  description:
    '2008-style crash: rates +150 bp, spreads wider by rating, 2% liquidity haircut, volatility x3',
  parameters: {
    rate_shock: 150,
    spread_shock_by_rating: {
      SOVEREIGN: 0,
      AAA: 200,
      AA: 300,
      A: 400,
      BBB: 600,
      BB: 800,
      B: 1000,
      C: 1500,
      D: 0,
    },
    liquidity_haircut_pct: 2,
    volatility_multiplier: 3,
  },
};

function parallel(shockBp: number): InterestRateScenario {
  return {
    scenario_name: `PARALLEL_${shockBp > 0 ? 'UP' : 'DOWN'}_${Math.abs(shockBp)}BP`,
    scenario_type: 'INTEREST_RATE',
    parameters: { rate_shock: shockBp },
  };
}

export const DEFAULT_STRESS_SCENARIOS: readonly StressScenario[] = [
  parallel(100),
  parallel(-100),
  parallel(200),
  parallel(-200),
  ...irrbbScenarios(),
  {
    scenario_name: 'CREDIT_SPREAD_WIDENING',
    scenario_type: 'CREDIT_SPREAD',
    description: 'Spreads wider by rating, sovereigns unchanged',
    parameters: { spread_shock_by_rating: SPREAD_WIDENING_BY_RATING },
  },
  MARKET_CRASH_2008,
];
