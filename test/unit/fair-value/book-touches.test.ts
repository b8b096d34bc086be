import { bookTouches, type OpenOrderLevel } from '../../../domain/fair-value';
import { restsOnBook } from '../../../domain/trading';

const level = (l: Partial<OpenOrderLevel> & Pick<OpenOrderLevel, 'side' | 'price'>): OpenOrderLevel => ({
  bondId: 1,
  orderType: 'LIMIT',
  triggered: false,
  quantity: 10_000,
  atMs: 1_000,
  ...l,
});

describe('the touch of a book from its open orders', () => {
  test('a triggered stop-limit rests at its limit price like any limit order and can make the touch', () => {
    const touches = bookTouches([
      level({ side: 'BUY', price: 99.5 }),
      level({
        side: 'BUY',
        price: 99.6,
        orderType: 'STOP_LIMIT',
        triggered: true,
        quantity: 30_000,
        atMs: 5_000,
      }),
      level({ side: 'SELL', price: 100.1 }),
    ]);
    expect(touches).toEqual([{ bondId: 1, bid: 99.6, ask: 100.1, quantity: 10_000, atMs: 5_000 }]);
  });

  test('a stop-limit still waiting for its trigger is off the book: no better price, and alone no side', () => {
    const waiting = level({ side: 'SELL', price: 100.0, orderType: 'STOP_LIMIT', triggered: false });
    expect(
      bookTouches([level({ side: 'BUY', price: 99.5 }), level({ side: 'SELL', price: 100.1 }), waiting]),
    ).toEqual([{ bondId: 1, bid: 99.5, ask: 100.1, quantity: 10_000, atMs: 1_000 }]);
    expect(bookTouches([level({ side: 'BUY', price: 99.5 }), waiting])).toEqual([]);
  });

  test('kinds resting at the same best price add up, the side taking its newest time', () => {
    const touches = bookTouches([
      level({ side: 'BUY', price: 99.5, quantity: 20_000 }),
      level({ side: 'BUY', price: 99.5, orderType: 'ICEBERG', quantity: 50_000, atMs: 2_000 }),
      level({
        side: 'BUY',
        price: 99.5,
        orderType: 'STOP_LIMIT',
        triggered: true,
        quantity: 40_000,
        atMs: 3_000,
      }),
      level({ side: 'SELL', price: 100.25, quantity: 200_000 }),
      level({ side: 'SELL', price: 100.5, orderType: 'STOP_LIMIT', triggered: true }),
      level({ bondId: 2, side: 'SELL', price: 101 }),
    ]);
    expect(touches).toEqual([{ bondId: 1, bid: 99.5, ask: 100.25, quantity: 110_000, atMs: 3_000 }]);
  });

  test('which open orders rest on the book', () => {
    expect(restsOnBook('LIMIT', false)).toBe(true);
    expect(restsOnBook('ICEBERG', false)).toBe(true);
    expect(restsOnBook('STOP_LIMIT', true)).toBe(true);
    expect(restsOnBook('STOP_LIMIT', false)).toBe(false);
    expect(restsOnBook('STOP_LOSS', true)).toBe(false);
    expect(restsOnBook('MARKET', false)).toBe(false);
  });
});
