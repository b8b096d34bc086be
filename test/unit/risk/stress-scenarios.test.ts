import {
  DEFAULT_STRESS_SCENARIOS,
  evaluateStressScenario,
  evaluateStressScenarios,
  INR_IRRBB_SHOCK_SIZES,
  irrbbScenarios,
  irrbbShockBp,
  type RiskPosition,
  type StressScenario,
} from '../../../domain/risk';
import { CORPORATE, GSEC } from './risk-fixtures';

describe('IRRBB shock shapes (BCBS d368, INR: parallel 400, short 500, long 300)', () => {
  it('when the shapes are evaluated at known tenors, then they match the hand-worked values', () => {
    // e^-0.25 = 0.7788007830714049: short up at 1Y = 500 x 0.7788... = 389.4003915357025.
    expect(irrbbShockBp('SHORT_RATE_UP', 1)).toBeCloseTo(389.4003915357025, 9);
    expect(irrbbShockBp('SHORT_RATE_DOWN', 1)).toBeCloseTo(-389.4003915357025, 9);
    // 10Y: e^-2.5 = 0.0820849986238988; short 41.0424993119494, long 300 x 0.9179150013761012 = 275.37450041283036.
    // Steepener = -0.65 x 41.0425 + 0.9 x 275.3745 = -26.67762455 + 247.83705037 = 221.15942582.
    expect(irrbbShockBp('STEEPENER', 10)).toBeCloseTo(221.1594258187803, 9);
    // 2Y: e^-0.5 = 0.6065306597126334; short 303.2653298563167, long 118.04080208620998.
    // Flattener = 0.8 x 303.26533 - 0.6 x 118.04080 = 242.61226389 - 70.82448125 = 171.78778263.
    expect(irrbbShockBp('FLATTENER', 2)).toBeCloseTo(171.78778263332737, 9);
    expect(irrbbShockBp('PARALLEL_UP', 30)).toBe(400);
    expect(irrbbShockBp('PARALLEL_DOWN', 0.25)).toBe(-400);
    // At 30Y the short component has all but vanished: steepener -> 0.9 x 300 x (1 - e^-7.5).
    expect(irrbbShockBp('STEEPENER', 30)).toBeCloseTo(
      -0.65 * 500 * Math.exp(-7.5) + 0.9 * 300 * (1 - Math.exp(-7.5)),
      12,
    );
  });

  it('when the scenarios are built, then each is CUSTOM with a shock at every key tenor', () => {
    const scenarios = irrbbScenarios(INR_IRRBB_SHOCK_SIZES);
    expect(scenarios.map((s) => s.scenario_name)).toEqual([
      'IRRBB_PARALLEL_UP',
      'IRRBB_PARALLEL_DOWN',
      'IRRBB_STEEPENER',
      'IRRBB_FLATTENER',
      'IRRBB_SHORT_RATE_UP',
      'IRRBB_SHORT_RATE_DOWN',
    ]);
    expect(scenarios[2]?.parameters.tenor_shocks['10Y']).toBeCloseTo(221.1594258187803, 9);
  });
});

describe('stress evaluator', () => {
  // G-sec: P&L = -7000 y + 3 y^2. AA corporate: its yield move is the 5Y move plus the spread move,
  // P&L = -2000 y + 0.5 y^2.
  const book = [GSEC, CORPORATE];

  it('when the spec example (+100 bp, volatility x2) is evaluated, then P&L is per position and the VaR is scaled', () => {
    const scenario: StressScenario = {
      scenario_name: 'Interest Rate Shock',
      scenario_type: 'INTEREST_RATE',
      parameters: { rate_shock: 100, volatility_multiplier: 2.0 },
    };
    // G-sec: -700,000 + 30,000 = -670,000. Corporate: -200,000 + 5,000 = -195,000.
    const result = evaluateStressScenario(book, scenario, { baseVar: 50_000 });
    expect(result.positions).toEqual([
      { positionId: 'GSEC', pnl: -670_000 },
      { positionId: 'CORP', pnl: -195_000 },
    ]);
    expect(result.totalPnl).toBe(-865_000);
    expect(result.stressedVar).toBe(100_000);
    expect(evaluateStressScenario(book, scenario).stressedVar).toBeNull();
  });

  it('when spreads widen by rating, then only rated credit moves', () => {
    const result = evaluateStressScenario(book, {
      scenario_name: 'AA wider',
      scenario_type: 'CREDIT_SPREAD',
      parameters: { spread_shock_by_rating: { AA: 100, AAA: 50 } },
    });
    expect(result.positions.map((p) => p.pnl)).toEqual([0, -195_000]);
  });

  it('when the 2008-style crash is evaluated, then rates, spreads and the liquidity haircut add up', () => {
    const crash = DEFAULT_STRESS_SCENARIOS.find((s) => s.scenario_type === 'MARKET_CRASH') as StressScenario;
    // Rates +150, AA +300, haircut 2%.
    // G-sec: y = 150: -1,050,000 + 67,500 = -982,500; less 200,000 haircut = -1,182,500.
    // Corporate: y = 450: -900,000 + 101,250 = -798,750; less 100,000 = -898,750.
    const result = evaluateStressScenario(book, crash, { baseVar: 10 });
    expect(result.positions.map((p) => p.pnl)).toEqual([-1_182_500, -898_750]);
    expect(result.totalPnl).toBe(-2_081_250);
    expect(result.stressedVar).toBe(30);
  });

  it('when a CUSTOM scenario shocks tenors and a position can revalue itself, then full revaluation is used', () => {
    const priced: RiskPosition = { ...GSEC, revalue: (shift) => GSEC.marketValue - 7000 * shift['10Y'] };
    const scenario: StressScenario = {
      scenario_name: '10Y +20',
      scenario_type: 'CUSTOM',
      parameters: { tenor_shocks: { '10Y': 20 } },
    };
    expect(evaluateStressScenario([priced], scenario).totalPnl).toBe(-140_000);
    // Delta-gamma on request: -140,000 + 3 x 400.
    expect(evaluateStressScenario([priced], scenario, { revaluation: 'DELTA_GAMMA' }).totalPnl).toBe(
      -138_800,
    );
  });

  it('when the default set is run, then it holds the parallel, IRRBB, spread and crash scenarios in order', () => {
    const results = evaluateStressScenarios(book, DEFAULT_STRESS_SCENARIOS);
    expect(results.map((r) => r.scenarioName)).toEqual([
      'PARALLEL_UP_100BP',
      'PARALLEL_DOWN_100BP',
      'PARALLEL_UP_200BP',
      'PARALLEL_DOWN_200BP',
      'IRRBB_PARALLEL_UP',
      'IRRBB_PARALLEL_DOWN',
      'IRRBB_STEEPENER',
      'IRRBB_FLATTENER',
      'IRRBB_SHORT_RATE_UP',
      'IRRBB_SHORT_RATE_DOWN',
      'CREDIT_SPREAD_WIDENING',
      'MARKET_CRASH_2008',
    ]);
    // Convexity: a 100 bp fall gains more than a 100 bp rise loses.
    expect(results[1]?.totalPnl).toBeGreaterThan(-(results[0]?.totalPnl ?? 0));
    for (const r of results)
      expect(r.totalPnl).toBeCloseTo(
        r.positions.reduce((s, p) => s + p.pnl, 0),
        6,
      );
  });
});
