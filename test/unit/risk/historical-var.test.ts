import {
  decomposeScenarioVar,
  historicalVar,
  historicalVarFromPnl,
  InvalidRiskInputError,
  overlappingHorizonChanges,
  toScenarioMatrix,
  type FactorShift,
  type RiskPosition,
} from '../../../domain/risk';
import { CORPORATE, GSEC, tenYearOnlyHistory } from './risk-fixtures';

// 10Y daily changes in bp; a linear position with DV01 100 loses 100 x change.
const TEN_YEAR_CHANGES = [3, -1, 4, -1, 5, -9, 2, -6, 5, 3];
const LINEAR: RiskPosition = { id: 'LIN', marketValue: 1e6, dv01: { '10Y': 100 } };

describe('historical simulation', () => {
  it('when given a P&L vector, then it applies the shared quantile convention', () => {
    expect(historicalVarFromPnl([-4, -3, -2, -1], { confidence: 0.5 })).toMatchObject({
      var: 3,
      es: 3.5,
      rank: 2,
    });
  });

  it('when one day of history is used, then VaR and ES are read off the revalued daily changes', () => {
    // Losses 300, -100, 400, -100, 500, -900, 200, -600, 500, 300. At 0.7, w = 3: VaR = 400, ES = (500 + 500 + 400) / 3.
    const result = historicalVar([LINEAR], tenYearOnlyHistory(TEN_YEAR_CHANGES), { confidence: 0.7 });
    expect(result.method).toBe('HISTORICAL_SIMULATION');
    expect(result.var).toBeCloseTo(400, 10);
    expect(result.es).toBeCloseTo(1400 / 3, 10);
  });

  it('when the horizon is 2 days, then overlapping 2-day sums are the scenarios', () => {
    // Sums of neighbours: 2, 3, 3, 4, -4, -7, -4, -1, 8 (9 scenarios). Losses x 100.
    // At 0.7, w = 9 x 0.3 = 2.7, k = 3: sorted losses 800, 400, 300, 300, ... so VaR = 300,
    // ES = (800 + 400 + 0.7 x 300) / 2.7 = 1410 / 2.7.
    const scenarios = overlappingHorizonChanges(toScenarioMatrix(tenYearOnlyHistory(TEN_YEAR_CHANGES)), 2);
    expect(Array.from({ length: scenarios.count }, (_, s) => scenarios.values[s * 6 + 3])).toEqual([
      2, 3, 3, 4, -4, -7, -4, -1, 8,
    ]);
    const result = historicalVar([LINEAR], tenYearOnlyHistory(TEN_YEAR_CHANGES), {
      confidence: 0.7,
      horizonDays: 2,
    });
    expect(result.tail.scenarioCount).toBe(9);
    expect(result.var).toBeCloseTo(300, 10);
    expect(result.es).toBeCloseTo(1410 / 2.7, 9);
  });

  it('when the history is shorter than the horizon or ragged, then a typed error is thrown', () => {
    expect(() =>
      historicalVar([LINEAR], tenYearOnlyHistory([1, 2]), { confidence: 0.9, horizonDays: 3 }),
    ).toThrow(InvalidRiskInputError);
    expect(() => historicalVar([LINEAR], [[1, 2, 3]], { confidence: 0.9 })).toThrow(InvalidRiskInputError);
  });

  it('when the delta-gamma model is used, then convexity adds 1/2 gamma x^2 to every scenario', () => {
    // G-sec: P&L(x) = -7000 x + 3 x^2. A +10 bp day: -70,000 + 300 = -69,700; a -10 bp day: +70,300.
    const result = historicalVar([GSEC], tenYearOnlyHistory([10, -10]), { confidence: 0.5 });
    expect(Array.from(result.pnl)).toEqual([-69700, 70300]);
    expect(result.var).toBe(69700);
  });

  it('when full revaluation is asked for, then the caller-supplied revalue prices every scenario', () => {
    const calls: FactorShift[] = [];
    // A hand-checkable "pricer": value falls 50 rupees per bp of 5Y and 10 per bp^2 of 30Y.
    const priced: RiskPosition = {
      id: 'PRICED',
      marketValue: 1e6,
      dv01: { '5Y': 50 },
      revalue: (shift) => {
        calls.push(shift);
        return 1e6 - 50 * shift['5Y'] - 10 * shift['30Y'] ** 2;
      },
    };
    const history = [
      [0, 0, 2, 0, 1, 0],
      [0, 0, -1, 0, 3, 0],
    ];
    // Scenario P&L: -100 - 10 = -110 and 50 - 90 = -40. At 0.5 (w = 1): VaR = ES = 110.
    const full = historicalVar([priced], history, { confidence: 0.5, revaluation: 'FULL_REVALUATION' });
    expect(Array.from(full.pnl)).toEqual([-110, -40]);
    expect(full.var).toBe(110);
    expect(calls[0]).toEqual({ '1Y': 0, '2Y': 0, '5Y': 2, '10Y': 0, '30Y': 1, SPREAD: 0 });
    // The delta-gamma model of the same position knows only its 5Y DV01: P&L -100 and +50.
    const approx = historicalVar([priced], history, { confidence: 0.5 });
    expect(Array.from(approx.pnl)).toEqual([-100, 50]);
  });

  it('when decomposed, then position components (Euler at the rank-k scenario) and factor buckets sum to VaR and ES', () => {
    const history = [
      [1, 2, 3, 4, 5, 10],
      [-2, -1, 0, 1, 2, -5],
      [0, 1, -3, 6, 2, 20],
      [3, 0, 1, -2, -1, 0],
      [2, 2, 2, 2, 2, 2],
    ];
    const positions = [GSEC, CORPORATE];
    const result = historicalVar(positions, history, { confidence: 0.6 });
    const d = decomposeScenarioVar(positions, result);
    const total = (
      key: 'componentVar' | 'componentEs',
      xs: readonly { componentVar: number; componentEs: number }[],
    ): number => xs.reduce((sum, c) => sum + c[key], 0);
    expect(total('componentVar', d.byPosition)).toBeCloseTo(result.var, 8);
    expect(total('componentEs', d.byPosition)).toBeCloseTo(result.es, 8);
    expect(total('componentVar', d.byFactor)).toBeCloseTo(result.var, 8);
    expect(total('componentEs', d.byFactor)).toBeCloseTo(result.es, 8);
    // The 10Y bucket of the VaR scenario is the G-sec's DV01 times that day's 10Y move.
    const tenYearMove = history[result.tail.varScenario]?.[3] ?? Number.NaN;
    expect(d.byFactor.find((c) => c.factor === '10Y')?.componentVar).toBeCloseTo(7000 * tenYearMove, 8);
    expect(d.byFactor.map((c) => c.factor)).toEqual(['1Y', '2Y', '5Y', '10Y', '30Y', 'SPREAD', 'NONLINEAR']);
  });
});
