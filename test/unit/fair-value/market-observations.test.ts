import { bondPriceAt } from '../../../domain/fair-value/bond-fair-value';
import {
  marketObservations,
  REFERENCE_WEIGHT,
  type ObservedBond,
} from '../../../domain/fair-value/market-observations';

// A 10-year 7% semi-annual bond bought at par yields 7%; the weights follow the stated policy
// (half-life 4 h, square-root size capped at 10, quotes at half a trade's weight).
const SETTLEMENT = '2026-11-25';
const NOW = Date.parse('2026-11-24T10:00:00Z');
const HOUR = 3600 * 1000;
const bond = (id: number, maturityDate: string, referenceYieldPct: number | null = null): ObservedBond => ({
  id,
  code: `B${id}`,
  terms: { couponPct: 7, maturityDate, frequency: 2, dayCount: '30/360' },
  lotSize: 10000,
  referenceYieldPct,
});
const tenYear = bond(1, '2036-11-25', 6.9);
const matured = bond(2, '2026-01-15', 7.1);

describe('market observations for a curve fit', () => {
  test('when a trade, a two-sided book and a reference yield are given, then each becomes a weighted yield at its maturity', () => {
    const obs = marketObservations({
      bonds: [tenYear],
      trades: [{ bondId: 1, price: 100, quantity: 40000, atMs: NOW - 4 * HOUR }],
      touches: [{ bondId: 1, bid: 99.5, ask: 100.5, quantity: 10000, atMs: NOW }],
      nowMs: NOW,
      settlementDate: SETTLEMENT,
    });
    expect(obs.map((o) => o.kind)).toEqual(['TRADE', 'QUOTE', 'REFERENCE']);
    const [trade, quote, reference] = obs;
    // Four hours old (one half-life) and four lots (sqrt 4 = 2): weight 1.
    expect(trade).toMatchObject({ bondId: 1, price: 100, weight: 1 });
    expect(trade!.yieldPct).toBeCloseTo(7, 6);
    expect(trade!.maturityYears).toBeCloseTo(3653 / 365.25, 10);
    // A fresh one-lot quote at the mid 100: half a trade's weight.
    expect(quote).toMatchObject({ price: 100, weight: 0.5 });
    expect(reference).toMatchObject({ price: null, yieldPct: 6.9, weight: REFERENCE_WEIGHT });
  });

  test('when the size is huge, then its factor is capped at 10', () => {
    const [trade] = marketObservations({
      bonds: [tenYear],
      trades: [{ bondId: 1, price: bondPriceAt(tenYear.terms, SETTLEMENT, 7.25), quantity: 1e12, atMs: NOW }],
      touches: [],
      nowMs: NOW,
      settlementDate: SETTLEMENT,
    });
    expect(trade!.weight).toBe(10);
    expect(trade!.yieldPct).toBeCloseTo(7.25, 6);
  });

  test('when a print is unusable (unknown bond, matured bond, crossed or locked book, a price no yield gives), then it is left out', () => {
    const obs = marketObservations({
      bonds: [tenYear, matured],
      trades: [
        { bondId: 99, price: 100, quantity: 10000, atMs: NOW },
        { bondId: 2, price: 100, quantity: 10000, atMs: NOW },
        { bondId: 1, price: -5, quantity: 10000, atMs: NOW },
      ],
      touches: [
        { bondId: 1, bid: 100.5, ask: 99.5, quantity: 10000, atMs: NOW },
        { bondId: 1, bid: 100, ask: 100, quantity: 10000, atMs: NOW },
        { bondId: 99, bid: 99, ask: 100, quantity: 10000, atMs: NOW },
      ],
      nowMs: NOW,
      settlementDate: SETTLEMENT,
    });
    expect(obs.map((o) => `${o.kind} ${o.bondId}`)).toEqual(['REFERENCE 1']);
  });
});
