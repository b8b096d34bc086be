import { portfolioRisk, portfolioVar } from '../../../domain/portfolios/portfolio-var';
import { toRiskPositions, type RiskHolding } from '../../../domain/portfolios/risk-positions';
import { historicalVar, scenarioIncrementalVar } from '../../../domain/risk';

const SETTLEMENT = '2026-01-15';
const holding = (over: Partial<RiskHolding>): RiskHolding => ({
  bondId: 'GS2033',
  quantity: 10_000_000,
  couponPct: 7.18,
  maturityDate: '2033-01-15',
  frequency: 2,
  dayCount: '30/360',
  yieldPct: 6.42,
  ...over,
});
const history: number[][] = Array.from({ length: 200 }, (_, t) => {
  const s = Math.sin(t * 1.7) * 6;
  const c = Math.cos(t * 0.9) * 4;
  return [s, s + c / 2, s + c, s * 0.8 + c, s * 0.6 + c * 1.2, 0];
});
const book = toRiskPositions(
  [
    holding({}),
    holding({
      bondId: 'GS2055',
      maturityDate: '2055-01-15',
      couponPct: 7.3,
      yieldPct: 7.1,
      quantity: 3_000_000,
    }),
    holding({ bondId: 'BILL', frequency: 0, couponPct: 0, maturityDate: '2026-07-15', yieldPct: 6.6 }),
    holding({
      bondId: 'CORP',
      rating: 'AA',
      quantity: -2_000_000,
      maturityDate: '2029-01-15',
      yieldPct: 7.9,
    }),
  ],
  SETTLEMENT,
);
const ctx = { positions: book.positions, unpriced: [], history, historyDates: [], asOf: SETTLEMENT };
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('portfolio risk decomposition', () => {
  it.each([
    ['HISTORICAL_SIMULATION', 'FULL_REVALUATION'],
    ['HISTORICAL_SIMULATION', 'DELTA_GAMMA'],
    ['MONTE_CARLO', 'FULL_REVALUATION'],
    ['PARAMETRIC', 'FULL_REVALUATION'],
  ] as const)(
    'when %s (%s) is decomposed, then position and factor components each sum to VaR and ES, and VaR is the run VaR',
    (method, revaluation) => {
      const input = {
        method,
        revaluation,
        confidenceLevel: '0.99',
        timeHorizon: 5,
        simulations: 2000,
        seed: 3,
      };
      const { result, decomposition: d } = portfolioRisk(input, ctx);
      expect(result.var).toBe(portfolioVar(input, ctx).var);
      expect(d.var).toBe(result.var);
      expect(sum(d.by_position.map((p) => p.component_var))).toBeCloseTo(d.var, 6);
      expect(sum(d.by_position.map((p) => p.component_es))).toBeCloseTo(d.expected_shortfall, 6);
      expect(sum(d.by_factor.map((f) => f.component_var))).toBeCloseTo(d.var, 6);
      expect(sum(d.by_position.map((p) => p.percent_of_var))).toBeCloseTo(100, 8);
      expect(d.by_factor.map((f) => f.factor)).toEqual([
        '1Y',
        '2Y',
        '5Y',
        '10Y',
        '30Y',
        'SPREAD',
        'NONLINEAR',
      ]);
      expect(d.by_position.map((p) => p.bond_id)).toEqual(['GS2033', 'GS2055', 'BILL', 'CORP']);
      for (const p of d.by_position) expect(p.marginal_var).toBeCloseTo(p.component_var / p.market_value, 12);
    },
  );

  it('when a portfolio holds one bond, then its incremental VaR is the whole VaR', () => {
    const one = { ...ctx, positions: [book.positions[0]!] };
    for (const method of ['HISTORICAL_SIMULATION', 'PARAMETRIC'] as const) {
      const { decomposition: d } = portfolioRisk({ method, confidenceLevel: '0.95', timeHorizon: 1 }, one);
      expect(d.by_position[0]!.incremental_var).toBeCloseTo(d.var, 8);
    }
  });

  it('when a short exactly offsets a long, then each has a negative incremental VaR of minus the other alone', () => {
    const [long] = toRiskPositions([holding({})], SETTLEMENT).positions;
    const [short] = toRiskPositions(
      [holding({ bondId: 'SHORT', quantity: -10_000_000 })],
      SETTLEMENT,
    ).positions;
    const result = historicalVar([long!, short!], history, { confidence: '0.95' });
    expect(result.var).toBeCloseTo(0, 6);
    const alone = historicalVar([short!], history, { confidence: '0.95' }).var;
    const [a] = scenarioIncrementalVar([long!, short!], result);
    expect(a!.incrementalVar).toBeCloseTo(-alone, 6);
  });
});
