import { portfolioRisk, portfolioVar } from '../../../domain/portfolios/portfolio-var';
import { keyRateHistory, type CurvePointRow } from '../../../domain/portfolios/risk-factor-history';
import fc from 'fast-check';
import {
  creditRatingBucket,
  keyRateWeights,
  toRiskPositions,
  type RiskHolding,
} from '../../../domain/portfolios/risk-positions';
import { bondMetrics } from '../../../domain/bonds';
import {
  factorShiftFromVector,
  historicalVar,
  InvalidRiskInputError,
  positionDeltaGammaPnl,
  positionSensitivity,
  type FactorShift,
} from '../../../domain/risk';

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

describe('full revaluation of holdings', () => {
  const shift = (moves: Partial<FactorShift>): FactorShift => ({
    ...factorShiftFromVector([0, 0, 0, 0, 0, 0]),
    ...moves,
  });
  const gsec = holding({ couponPct: 7.18, maturityDate: '2033-01-15', yieldPct: 6.42 });
  const dirtyAt = (yieldPct: number, over: Partial<RiskHolding> = {}) => {
    const h = { ...gsec, ...over };
    return bondMetrics({
      coupon_pct: h.couponPct,
      maturity_date: h.maturityDate,
      settlement_date: SETTLEMENT,
      frequency: h.frequency,
      day_count: h.dayCount,
      face_value: 100,
      yield_pct: yieldPct,
    }).dirty_price;
  };

  it('when nothing moves, then the revalued position is worth its market value', () => {
    const p = toRiskPositions([gsec], SETTLEMENT).positions[0]!;
    expect(p.revalue!(shift({}))).toBeCloseTo(p.marketValue, 6);
  });

  it('when every key rate rises 100 bp, then the bond is repriced at its yield + 1%', () => {
    const p = toRiskPositions([gsec], SETTLEMENT).positions[0]!;
    const up = shift({ '1Y': 100, '2Y': 100, '5Y': 100, '10Y': 100, '30Y': 100 });
    expect(p.revalue!(up)).toBeCloseTo((1_000_000 * dirtyAt(7.42)) / 100, 6);
  });

  it('when only 5Y moves 10 bp, then a 7-year bond moves by 3/5 of it (its key-rate weight)', () => {
    const p = toRiskPositions([gsec], SETTLEMENT).positions[0]!;
    expect(p.revalue!(shift({ '5Y': 10 }))).toBeCloseTo((1_000_000 * dirtyAt(6.48)) / 100, 6);
  });

  it('when an AA+ corporate bond meets a 50 bp spread move, then it carries spread DV01 and reprices 50 bp higher; a sovereign does not move', () => {
    const [corp, sov] = toRiskPositions(
      [
        { ...gsec, bondId: 'CORP', rating: 'AA+' },
        { ...gsec, bondId: 'GSEC', rating: 'SOVEREIGN' },
      ],
      SETTLEMENT,
    ).positions;
    expect(corp!.rating).toBe('AA');
    expect(corp!.dv01.SPREAD).toBeCloseTo((corp!.dv01['5Y'] ?? 0) + (corp!.dv01['10Y'] ?? 0), 9);
    expect(corp!.revalue!(shift({ SPREAD: 50 }))).toBeCloseTo((1_000_000 * dirtyAt(6.92)) / 100, 6);
    expect(sov!.dv01.SPREAD).toBeUndefined();
    expect(sov!.revalue!(shift({ SPREAD: 50 }))).toBeCloseTo(sov!.marketValue, 6);
  });

  it('when a bill is revalued 100 bp up, then it is 100 / (1 + (y + 1%) t)', () => {
    const bill = holding({ frequency: 0, maturityDate: '2026-04-15', yieldPct: 6.5 });
    const p = toRiskPositions([bill], SETTLEMENT).positions[0]!;
    const t = 90 / 365;
    expect(p.revalue!(shift({ '1Y': 100 }))).toBeCloseTo((1_000_000 * 100) / (1 + 0.075 * t) / 100, 6);
  });

  it('when moves are small, then full revaluation agrees with delta-gamma to third order', () => {
    const p = toRiskPositions([{ ...gsec, rating: 'AAA' }], SETTLEMENT).positions[0]!;
    const s = positionSensitivity(p);
    const move = fc.float({ min: -20, max: 20, noNaN: true });
    fc.assert(
      fc.property(fc.array(move, { minLength: 6, maxLength: 6 }), (x) => {
        const full = p.revalue!(factorShiftFromVector(x)) - p.marketValue;
        const approx = positionDeltaGammaPnl(s, x);
        // The third-order term of a 7-year bond at 40 bp is far below 1e-4 of its value.
        expect(Math.abs(full - approx)).toBeLessThan(1e-4 * p.marketValue);
      }),
    );
  });

  it('when historical VaR is run both ways on a large move history, then full revaluation and delta-gamma differ but stay close', () => {
    const { positions } = toRiskPositions(
      [gsec, holding({ bondId: 'C', maturityDate: '2055-01-15' })],
      SETTLEMENT,
    );
    const history = Array.from({ length: 100 }, (_, t) => {
      const s = Math.sin(t * 1.3) * 60;
      return [s, s, s, s, s, 0];
    });
    const full = historicalVar(positions, history, { confidence: '0.99', revaluation: 'FULL_REVALUATION' });
    const dg = historicalVar(positions, history, { confidence: '0.99', revaluation: 'DELTA_GAMMA' });
    expect(full.var).not.toBe(dg.var);
    expect(Math.abs(full.var - dg.var)).toBeLessThan(0.01 * dg.var);
  });

  it('when ratings are read, then notches fold into their letter and unknown ones into none', () => {
    expect(creditRatingBucket('AA-')).toBe('AA');
    expect(creditRatingBucket('sovereign')).toBe('SOVEREIGN');
    expect(creditRatingBucket('A1+')).toBeUndefined();
    expect(creditRatingBucket(null)).toBeUndefined();
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

  it('when the history has a single day, then it is bad input naming the look-back', () => {
    expect(() =>
      portfolioVar(
        { method: 'HISTORICAL_SIMULATION', confidenceLevel: '0.95', timeHorizon: 1 },
        { ...ctx, history: history.slice(0, 1) },
      ),
    ).toThrow(/at least two days/);
  });

  it('when MONTE_CARLO is run without paths or seed, then the defaults make it repeatable', () => {
    const input = { method: 'MONTE_CARLO' as const, confidenceLevel: '0.95', timeHorizon: 1 };
    const first = portfolioVar(input, ctx);
    expect(first.var).toBeGreaterThan(0);
    expect(portfolioVar(input, ctx).var).toBe(first.var);
  });

  it('when the curve never moved, then VaR is zero and every share of it is zero, not NaN', () => {
    const calm = { ...ctx, history: history.map((row) => row.map(() => 0)) };
    const report = portfolioRisk({ method: 'PARAMETRIC', confidenceLevel: '0.95', timeHorizon: 1 }, calm);
    expect(report.result.var).toBe(0);
    expect(report.decomposition.var).toBe(0);
    expect(report.decomposition.by_factor.map((f) => f.percent_of_var)).toEqual(
      report.decomposition.by_factor.map(() => 0),
    );
    expect(report.decomposition.by_position.map((p) => p.percent_of_var)).toEqual([0, 0]);
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

describe('risk positions at their edges', () => {
  const bill = (over: Partial<RiskHolding>): RiskHolding => ({
    bondId: 'TB',
    quantity: 1_000_000,
    couponPct: 0,
    maturityDate: '2026-07-15',
    frequency: 0,
    dayCount: 'ACT/365',
    yieldPct: 6,
    ...over,
  });

  it('when a quantity is not finite, then the mapping is refused rather than valuing it', () => {
    expect(() => toRiskPositions([bill({ quantity: Number.NaN })], SETTLEMENT)).toThrow(
      InvalidRiskInputError,
    );
  });

  it('when a holding names its issuer, then the position carries it for concentration', () => {
    const [p] = toRiskPositions([bill({ issuer: 'GOI' })], SETTLEMENT).positions;
    expect(p!.issuer).toBe('GOI');
    expect(toRiskPositions([bill({})], SETTLEMENT).positions[0]).not.toHaveProperty('issuer');
  });

  it('when a T-bill is revalued at a yield that gives no price, then the revaluation is refused', () => {
    const [p] = toRiskPositions([bill({})], SETTLEMENT).positions;
    const shift = factorShiftFromVector(new Float64Array(6).fill(-100_000));
    expect(() => p!.revalue!(shift)).toThrow(/gives no price/);
  });
});
