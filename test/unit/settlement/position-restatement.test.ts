import fc from 'fast-check';
import { applyFill, type Holding } from '../../../domain/portfolios/position-fill';
import { restatedHolding, type PositionTrade } from '../../../domain/settlement/position-restatement';

const buy = (tradeId: string, quantity: string, price: string): PositionTrade => ({
  tradeId,
  side: 'BUY',
  quantity,
  price,
});
const sell = (tradeId: string, quantity: string, price: string): PositionTrade => ({
  ...buy(tradeId, quantity, price),
  side: 'SELL',
});

// Bought 100,000 at 99.00, 100,000 at 101.00 (average 100.0000), sold 50,000: 150,000 at 100.0000.
const day = [buy('t1', '100000', '99.00'), buy('t2', '100000', '101.00'), sell('t3', '50000', '100.50')];
const now = { quantity: '150000.00', averagePrice: '100.0000' };

describe('position restatement after a correction', () => {
  test('when the second purchase is busted after a sale, then the position is what t1 and t3 alone leave: 50,000 at 99.0000', () => {
    // Undoing one fill at no price would have kept 100.0000.
    expect(restatedHolding(now, day, 't2', null)).toEqual({ quantity: '50000.00', averagePrice: '99.0000' });
  });

  test('when the second purchase is corrected to 100.00 and 60,000, then the average is (99 x 100,000 + 100 x 60,000) / 160,000 = 99.3750', () => {
    expect(restatedHolding(now, day, 't2', { price: '100.00', quantity: '60000' })).toEqual({
      quantity: '110000.00',
      averagePrice: '99.3750',
    });
  });

  test('when the trades do not explain the position (something else moved it), then there is no restatement', () => {
    expect(restatedHolding({ quantity: '250000.00', averagePrice: '100.0000' }, day, 't2', null)).toBeNull();
    expect(restatedHolding(now, day, 'unknown', null)).toBeNull();
  });

  test('property: busting any trade gives the replay of the others, and correcting it to its own terms changes nothing', () => {
    const trade = fc.record({
      side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
      lots: fc.integer({ min: 1, max: 50 }),
      ticks: fc.integer({ min: 38000, max: 42000 }),
    });
    const replay = (trades: readonly PositionTrade[]) =>
      trades.reduce<Holding>(
        (h, t) => applyFill(h, t.side === 'BUY' ? t.quantity : `-${t.quantity}`, t.price),
        { quantity: '0', averagePrice: null },
      );
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 12 }), fc.nat(), (raw, pick) => {
        const trades = raw.map((t, i) => ({
          tradeId: `t${i}`,
          side: t.side,
          quantity: String(t.lots * 10000),
          price: (t.ticks / 400).toFixed(4),
        }));
        const target = trades[pick % trades.length]!;
        const current = replay(trades);
        expect(restatedHolding(current, trades, target.tradeId, null)).toEqual(
          replay(trades.filter((t) => t !== target)),
        );
        expect(restatedHolding(current, trades, target.tradeId, target)).toEqual(current);
      }),
      { seed: 20261124, numRuns: 200 },
    );
  });
});
