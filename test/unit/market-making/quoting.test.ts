import fc from 'fast-check';
import { computeQuotes, firstLimitBreach, needsRefresh, volatilityBp } from '../../../domain/market-making';

const policy = {
  quoteSize: 50_000,
  maxInventory: 200_000,
  baseSpreadBp: 4,
  volatilityMultiplier: 0.5,
  thinBookSpreadBp: 3,
  inventorySkewBp: 4,
};
const deep = {
  fairPrice: 98,
  pv01: 0.05,
  volatilityBp: 0,
  bidDepth: 1e9,
  askDepth: 1e9,
  inventory: 0,
  tickSize: 0.0025,
  lotSize: 10_000,
};

describe('market maker quoting', () => {
  test('when flat in a deep calm book, then it quotes both sides one base half-spread around fair, on the tick', () => {
    const q = computeQuotes(policy, deep);
    // 2 bp x 0.05 = 0.10 either side of 98.
    expect(q.bid).toEqual({ price: 97.9, quantity: 50_000 });
    expect(q.ask).toEqual({ price: 98.1, quantity: 50_000 });
  });

  test('when the book is thin or the fair yield volatile, then the spread widens', () => {
    const thin = computeQuotes(policy, { ...deep, bidDepth: 10_000 });
    expect(thin.halfSpreadBp).toBe(5);
    const volatile = computeQuotes(policy, { ...deep, volatilityBp: 4 });
    expect(volatile.halfSpreadBp).toBe(4);
    expect(volatile.ask!.price - volatile.bid!.price).toBeGreaterThan(0.2);
  });

  test('when long, then both prices move down and the bid shrinks; at the limit it bids nothing', () => {
    const long = computeQuotes(policy, { ...deep, inventory: 100_000 });
    expect(long.skewBp).toBe(2);
    expect(long.bid!.price).toBeLessThan(97.9);
    expect(long.ask!.price).toBeLessThan(98.1);
    expect(long.bid!.quantity).toBe(20_000);
    expect(long.ask!.quantity).toBe(50_000);
    expect(computeQuotes(policy, { ...deep, inventory: 200_000 }).bid).toBeNull();
  });

  test('property: a fill of either quote never takes inventory past the limit, and bid < ask', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.double({ min: 80, max: 120, noNaN: true }),
        (lots, fair) => {
          const inventory = lots * 10_000;
          const q = computeQuotes(policy, { ...deep, inventory, fairPrice: fair });
          if (q.bid) expect(inventory + q.bid.quantity).toBeLessThanOrEqual(policy.maxInventory);
          if (q.ask) expect(inventory - q.ask.quantity).toBeGreaterThanOrEqual(-policy.maxInventory);
          if (q.bid && q.ask) expect(q.bid.price).toBeLessThan(q.ask.price);
        },
      ),
    );
  });

  test('requote when the fair yield moved past the threshold or a size changed, not on a small move', () => {
    const q = computeQuotes(policy, deep);
    const placed = { fairYieldPct: 7, bid: q.bid, ask: q.ask };
    expect(needsRefresh(null, 7, q, 1)).toBe(true);
    expect(needsRefresh(placed, 7.005, q, 1)).toBe(false);
    expect(needsRefresh(placed, 7.02, q, 1)).toBe(true);
    expect(needsRefresh(placed, 7, computeQuotes(policy, { ...deep, inventory: 50_000 }), 1)).toBe(true);
  });

  test('volatility is the standard deviation of the moves in bp', () => {
    expect(volatilityBp([7, 7.01, 7, 7.01, 7])).toBeCloseTo(1.1547, 3);
    expect(volatilityBp([7, 7])).toBe(0);
  });
});

describe('market maker limits', () => {
  const base = {
    inventories: [{ bondCode: 'B', inventory: 0, maxInventory: 100 }],
    dv01: 0,
    maxDv01: 10,
    dailyPnl: 0,
    carryPnl: 0,
    maxDailyLoss: 100,
  };
  test('each limit stops it at its threshold, and nothing below', () => {
    expect(firstLimitBreach(base)).toBeNull();
    expect(
      firstLimitBreach({ ...base, inventories: [{ bondCode: 'B', inventory: -100, maxInventory: 100 }] })
        ?.limit,
    ).toBe('INVENTORY');
    expect(firstLimitBreach({ ...base, dv01: 10 })?.limit).toBe('DV01');
    expect(firstLimitBreach({ ...base, dailyPnl: -100 })?.limit).toBe('DAILY_LOSS');
    expect(firstLimitBreach({ ...base, dailyPnl: -99.99 })).toBeNull();
    // A day without a fill: the carried inventory's fall alone stops it, and the reason says so.
    expect(firstLimitBreach({ ...base, dailyPnl: -150, carryPnl: -150 })).toEqual({
      limit: 'DAILY_LOSS',
      value: -150,
      threshold: 100,
      detail:
        "today's P&L -150.00 (of it -150.00 from revaluing the inventory carried into the day) at or past the loss limit of 100",
    });
  });
});

describe('market maker edges', () => {
  test('when the spread is zero, then the ask still sits one tick above the bid', () => {
    const q = computeQuotes({ ...policy, baseSpreadBp: 0 }, deep);
    expect(q.bid?.price).toBe(98);
    expect(q.ask?.price).toBe(98.0025);
  });
});
