import { portfolioVar } from '../../../domain/portfolios/portfolio-var';
import { keyRateHistory, type CurvePointRow } from '../../../domain/portfolios/risk-factor-history';
import { keyRateWeights, toRiskPositions, type RiskHolding } from '../../../domain/portfolios/risk-positions';
import { bondMetrics } from '../../../domain/bonds';
import { InvalidRiskInputError } from '../../../domain/risk';

const SETTLEMENT = '2026-01-15';
const holding = (over: Partial<RiskHolding>): RiskHolding => ({
  bondId: 'B',
  quantity: 1_000_000,
  couponPct: 0,
  maturityDate: '2031-01-15',
  frequency: 2,
  dayCount: '30/360',
  yieldPct: 6,
  ...over,
});

describe('risk positions from holdings', () => {
  it('when a 5-year zero-like bond is mapped, then all of its DV01 lands in the 5Y bucket', () => {
    const { positions, unpriced } = toRiskPositions([holding({})], SETTLEMENT);
    expect(unpriced).toEqual([]);
    const [p] = positions;
    // Zero coupon, semi-annual: price 100 / 1.03^10, modified duration 5 / 1.03.
    const price = 100 / 1.03 ** 10;
    expect(p!.marketValue).toBeCloseTo((1_000_000 * price) / 100, 6);
    expect(Object.keys(p!.dv01)).toEqual(['5Y']);
    expect(p!.dv01['5Y']).toBeCloseTo((p!.marketValue * (5 / 1.03)) / 1e4, 6);
    expect(p!.convexity).toBeGreaterThan(0);
  });

  it('when a 7-year bond is mapped, then its DV01 splits 3/5 to 5Y and 2/5 to 10Y', () => {
    const h = holding({ couponPct: 7.18, maturityDate: '2033-01-15', yieldPct: 6.42 });
    const { positions } = toRiskPositions([h], SETTLEMENT);
    const m = bondMetrics({
      coupon_pct: 7.18,
      maturity_date: '2033-01-15',
      settlement_date: SETTLEMENT,
      frequency: 2,
      day_count: '30/360',
      face_value: 100,
      yield_pct: 6.42,
    });
    const mv = (1_000_000 * m.dirty_price) / 100;
    const total = (mv * m.modified_duration) / 1e4;
    const p = positions[0]!;
    expect(p.marketValue).toBeCloseTo(mv, 6);
    expect(p.dv01['5Y']).toBeCloseTo(0.6 * total, 6);
    expect(p.dv01['10Y']).toBeCloseTo(0.4 * total, 6);
    expect(p.dv01['2Y']).toBeUndefined();
  });

  it('when maturities lie outside 1Y..30Y, then the weight stays on the nearest end', () => {
    expect(keyRateWeights(0.3)).toEqual({ '1Y': 1 });
    expect(keyRateWeights(35)).toEqual({ '30Y': 1 });
    expect(keyRateWeights(20)).toEqual({ '10Y': 0.5, '30Y': 0.5 });
    expect(keyRateWeights(2)).toEqual({ '2Y': 1 });
  });

  it('when a bond has no reference yield, then it is listed as unpriced and not valued', () => {
    const { positions, unpriced } = toRiskPositions(
      [holding({ bondId: 'A' }), holding({ bondId: 'NOYIELD', yieldPct: null })],
      SETTLEMENT,
    );
    expect(positions.map((p) => p.id)).toEqual(['A']);
    expect(unpriced).toEqual([{ bond_id: 'NOYIELD', reason: 'no reference yield' }]);
  });

  it('when a bill is mapped, then it is priced on the 365-day simple yield and short, and a short holding has negative DV01', () => {
    const { positions } = toRiskPositions(
      [
        holding({
          frequency: 0,
          maturityDate: '2026-07-16',
          yieldPct: 5.6,
          quantity: -10_000,
          dayCount: 'ACT/365F',
        }),
      ],
      SETTLEMENT,
    );
    const t = 182 / 365;
    const p = positions[0]!;
    expect(p.marketValue).toBeCloseTo((-10_000 * (100 / (1 + 0.056 * t))) / 100, 6);
    expect(Object.keys(p.dv01)).toEqual(['1Y']);
    expect(p.dv01['1Y']).toBeLessThan(0);
  });

  it('when a bond has matured, then it is unpriced', () => {
    const { unpriced } = toRiskPositions([holding({ maturityDate: '2025-01-15' })], SETTLEMENT);
    expect(unpriced).toEqual([{ bond_id: 'B', reason: 'matured on 2025-01-15' }]);
  });
});

describe('key-rate factor history', () => {
  const day = (date: string, yields: number[], skip?: number): CurvePointRow[] =>
    [12, 24, 60, 120, 360]
      .map((m, i) => ({ date, tenorMonths: m, yieldPct: yields[i]!.toFixed(2) }))
      .filter((_, i) => i !== skip);

  it('when a date misses a key rate, then it is skipped and changes run between complete dates, in exact bp', () => {
    const points = [
      ...day('2025-01-02', [4.0, 4.1, 4.2, 4.3, 4.4]),
      ...day('2025-01-03', [9, 9, 9, 9, 9], 2),
      ...day('2025-01-06', [4.01, 4.12, 4.15, 4.3, 4.5]),
      { date: '2025-01-06', tenorMonths: 3, yieldPct: '5.00' },
      ...day('2025-01-07', [4.03, 4.12, 4.15, 4.29, 4.5]),
    ];
    const h = keyRateHistory(points, 250);
    expect(h.dates).toEqual(['2025-01-06', '2025-01-07']);
    expect(h.changes).toEqual([
      [1, 2, -5, 0, 10, 0],
      [2, 0, 0, -1, 0, 0],
    ]);
    expect(keyRateHistory(points, 1).dates).toEqual(['2025-01-07']);
  });
});

describe('portfolio VaR over the key-rate history', () => {
  const history: number[][] = Array.from({ length: 120 }, (_, t) => {
    const s = Math.sin(t * 1.7) * 6;
    const c = Math.cos(t * 0.9) * 4;
    return [s, s + c / 2, s + c, s * 0.8 + c, s * 0.6 + c * 1.2, 0];
  });
  const { positions, unpriced } = toRiskPositions(
    [holding({ couponPct: 7.18, maturityDate: '2033-01-15', yieldPct: 6.42 }), holding({ bondId: 'C' })],
    SETTLEMENT,
  );
  const ctx = { positions, unpriced, history, historyDates: [], asOf: SETTLEMENT };

  it.each(['HISTORICAL_SIMULATION', 'PARAMETRIC', 'MONTE_CARLO'] as const)(
    'when %s is run, then VaR is positive and ES is at least VaR',
    (method) => {
      const r = portfolioVar(
        { method, confidenceLevel: '0.99', timeHorizon: 1, simulations: 2000, seed: 7 },
        ctx,
      );
      expect(r.var).toBeGreaterThan(0);
      expect(r.expected_shortfall).toBeGreaterThanOrEqual(r.var);
      expect(r.factor_count).toBe(5);
      expect(r.modified_duration).toBeGreaterThan(0);
    },
  );

  it('when PARAMETRIC is run over 4 days, then VaR is twice the 1-day VaR', () => {
    const one = portfolioVar({ method: 'PARAMETRIC', confidenceLevel: '0.95', timeHorizon: 1 }, ctx);
    const four = portfolioVar({ method: 'PARAMETRIC', confidenceLevel: '0.95', timeHorizon: 4 }, ctx);
    expect(four.var).toBeCloseTo(2 * one.var, 6);
  });

  it('when MONTE_CARLO is run twice with one seed, then the answers are identical', () => {
    const input = {
      method: 'MONTE_CARLO' as const,
      confidenceLevel: '0.95',
      timeHorizon: 1,
      simulations: 1000,
      seed: 42,
    };
    expect(portfolioVar(input, ctx).var).toBe(portfolioVar(input, ctx).var);
  });

  it('when no position is priced, then it is bad input naming positions', () => {
    expect(() =>
      portfolioVar(
        { method: 'PARAMETRIC', confidenceLevel: '0.95', timeHorizon: 1 },
        { ...ctx, positions: [] },
      ),
    ).toThrow(InvalidRiskInputError);
  });
});
