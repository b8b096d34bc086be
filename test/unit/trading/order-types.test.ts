import { CancelReason, OrderType, RejectReason, Side, TimeInForce, Aggressor } from '../../../domain/trading';
import { buy, makeBook, ofType, sell, trades } from './book-fixture';

describe('order book: order types', () => {
  it('when a buy limit sweeps two ask levels, then it fills at the makers prices in price-time order', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 5, 101));
    book.submit(sell(2, 3, 100));
    book.submit(sell(3, 4, 100));
    rec.take();
    // 10 lots: 3 + 4 at 100 (2 before 3: same price, earlier), then 3 of the 5 at 101.
    expect(book.submit(buy(4, 10, 101))).toBe(10);
    expect(rec.take()).toEqual([
      { type: 'ACCEPTED', orderId: 4 },
      { type: 'TRADE', makerId: 2, takerId: 4, price: 100, qty: 3, aggressor: Aggressor.BUY },
      { type: 'FILLED', orderId: 2, filledQty: 3 },
      { type: 'TRADE', makerId: 3, takerId: 4, price: 100, qty: 4, aggressor: Aggressor.BUY },
      { type: 'FILLED', orderId: 3, filledQty: 4 },
      { type: 'LEVEL', side: Side.SELL, price: 100, qty: 0 },
      { type: 'TRADE', makerId: 1, takerId: 4, price: 101, qty: 3, aggressor: Aggressor.BUY },
      { type: 'PARTIALLY_FILLED', orderId: 1, filledQty: 3, leavesQty: 2 },
      { type: 'LEVEL', side: Side.SELL, price: 101, qty: 2 },
      { type: 'FILLED', orderId: 4, filledQty: 10 },
    ]);
    expect(book.bestAsk()).toBe(101);
    expect(book.bestBid()).toBeNull();
  });

  it('when a limit order partially fills, then the remainder rests at its limit price', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 4, 100));
    rec.take();
    expect(book.submit(buy(2, 10, 101))).toBe(4);
    const events = rec.take();
    expect(ofType(events, 'PARTIALLY_FILLED')).toEqual([
      { type: 'PARTIALLY_FILLED', orderId: 2, filledQty: 4, leavesQty: 6 },
    ]);
    expect(events[events.length - 1]).toEqual({ type: 'LEVEL', side: Side.BUY, price: 101, qty: 6 });
    expect(book.depth(Side.BUY)).toEqual([{ price: 101, qty: 6, orders: 1 }]);
  });

  it('when a market order outsizes the book, then it fills what is there and the rest is cancelled', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    book.submit(sell(2, 4, 102));
    rec.take();
    const market = buy(3, 10, 0, { type: OrderType.MARKET, tif: TimeInForce.IOC });
    expect(book.submit(market)).toBe(7); // 3 at 100 + 4 at 102
    const events = rec.take();
    expect(trades(events)).toEqual([
      [1, 3, 100, 3],
      [2, 3, 102, 4],
    ]);
    expect(ofType(events, 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 3, cancelledQty: 3, reason: CancelReason.MARKET_REMAINDER },
    ]);
    expect(book.summary().restingOrders).toBe(0);
  });

  it('when a market order meets an empty book, then it is accepted and cancelled whole', () => {
    const { book, rec } = makeBook();
    expect(book.submit(buy(1, 5, 0, { type: OrderType.MARKET, tif: TimeInForce.IOC }))).toBe(0);
    expect(rec.take()).toEqual([
      { type: 'ACCEPTED', orderId: 1 },
      { type: 'CANCELLED', orderId: 1, cancelledQty: 5, reason: CancelReason.MARKET_REMAINDER },
    ]);
  });

  it('when a market order asks to rest (GTC), then it is rejected', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 0, { type: OrderType.MARKET, tif: TimeInForce.GTC }));
    expect(rec.take()).toEqual([{ type: 'REJECTED', orderId: 1, reason: RejectReason.INVALID_COMBINATION }]);
  });

  it('when the last trade reaches a sell stop, then it triggers and sells at market', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(buy(2, 10, 99));
    book.submit(buy(3, 10, 98));
    book.submit(sell(4, 1, 100)); // last = 100
    book.submit(sell(5, 15, 0, { type: OrderType.STOP_LOSS, stopPrice: 99 }));
    expect(book.getOrder(5)?.pendingStop).toBe(true);
    book.submit(sell(6, 9, 100)); // last = 100 again: 100 > 99, no trigger
    expect(book.getOrder(5)?.pendingStop).toBe(true);
    rec.take();
    book.submit(sell(7, 1, 99)); // last = 99 <= 99: triggers
    const events = rec.take();
    // The stop sells 15 at market: 9 left at 99 (10 minus order 7's 1), then 6 at 98.
    expect(trades(events)).toEqual([
      [2, 7, 99, 1],
      [2, 5, 99, 9],
      [3, 5, 98, 6],
    ]);
    const triggerAt = events.findIndex((e) => e.type === 'TRIGGERED');
    expect(events[triggerAt]).toEqual({ type: 'TRIGGERED', orderId: 5 });
    expect(events.findIndex((e) => e.type === 'FILLED' && e.orderId === 7)).toBeLessThan(triggerAt);
    expect(book.getOrder(3)?.leaves).toBe(4);
    expect(book.lastPrice).toBe(98);
  });

  it('when a buy stop arrives with the last trade already at or above its stop, then it triggers at once', () => {
    const { book, rec } = makeBook({ lastPrice: 101 });
    book.submit(sell(1, 5, 102));
    rec.take();
    expect(book.submit(buy(2, 5, 0, { type: OrderType.STOP_LOSS, stopPrice: 101 }))).toBe(5);
    expect(rec.take().slice(0, 3)).toEqual([
      { type: 'ACCEPTED', orderId: 2 },
      { type: 'TRIGGERED', orderId: 2 },
      { type: 'TRADE', makerId: 1, takerId: 2, price: 102, qty: 5, aggressor: Aggressor.BUY },
    ]);
  });

  it('when a stop-limit triggers, then it trades up to its limit and rests the remainder there', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 5, 101));
    book.submit(sell(2, 3, 102));
    book.submit(sell(3, 4, 103));
    book.submit(buy(10, 10, 102, { type: OrderType.STOP_LIMIT, stopPrice: 101 }));
    rec.take();
    book.submit(buy(11, 1, 101)); // trades 1 at 101: last 101 >= stop 101
    // Stop-limit buys 4 at 101 and 3 at 102; 103 is above its limit, so 3 rest at 102.
    expect(trades(rec.take())).toEqual([
      [1, 11, 101, 1],
      [1, 10, 101, 4],
      [2, 10, 102, 3],
    ]);
    expect(book.getOrder(10)).toMatchObject({ price: 102, filled: 7, leaves: 3, pendingStop: false });
    expect(book.bestBid()).toBe(102);
  });

  it('when stops trigger together, then they enter in arrival order and cascades follow', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 1, 100));
    book.submit(buy(2, 1, 99));
    book.submit(buy(3, 1, 98));
    const stop = (id: number, stopPrice: number) => sell(id, 1, 0, { type: OrderType.STOP_LOSS, stopPrice });
    book.submit(stop(20, 101)); // arrives before 21 although 21's stop is higher
    book.submit(stop(21, 102));
    book.submit(stop(22, 99));
    book.submit(stop(23, 97));
    book.submit(sell(4, 1, 101));
    rec.take();
    book.submit(buy(5, 1, 101));
    const events = rec.take();
    // Trade at 101 triggers 20 and 21 (101 <= 101, 101 <= 102), in arrival order: 20 sells at
    // 100, 21 at 99; that 99 triggers 22, which sells at 98; 97 is never reached, so 23 waits.
    expect(ofType(events, 'TRIGGERED').map((e) => e.orderId)).toEqual([20, 21, 22]);
    expect(trades(events)).toEqual([
      [4, 5, 101, 1],
      [1, 20, 100, 1],
      [2, 21, 99, 1],
      [3, 22, 98, 1],
    ]);
    expect(book.getOrder(23)?.pendingStop).toBe(true);
    book.submit(sell(6, 1, 97));
    book.submit(buy(7, 1, 97)); // a trade at 97 triggers 23, which finds no bid
    expect(ofType(rec.take(), 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 23, cancelledQty: 1, reason: CancelReason.MARKET_REMAINDER },
    ]);
  });

  it('when an iceberg slice is taken, then the next slice joins the back of the queue at its price', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 10, 100, { type: OrderType.ICEBERG, displayQty: 4 }));
    book.submit(sell(2, 5, 100));
    expect(book.depth(Side.SELL)).toEqual([{ price: 100, qty: 9, orders: 2 }]); // 4 shown + 5
    rec.take();
    book.submit(buy(3, 6, 100));
    // 4 from the iceberg's slice, which then requeues behind order 2; 2 more from order 2.
    expect(rec.take()).toEqual([
      { type: 'ACCEPTED', orderId: 3 },
      { type: 'TRADE', makerId: 1, takerId: 3, price: 100, qty: 4, aggressor: Aggressor.BUY },
      { type: 'PARTIALLY_FILLED', orderId: 1, filledQty: 4, leavesQty: 6 },
      { type: 'TRADE', makerId: 2, takerId: 3, price: 100, qty: 2, aggressor: Aggressor.BUY },
      { type: 'PARTIALLY_FILLED', orderId: 2, filledQty: 2, leavesQty: 3 },
      { type: 'LEVEL', side: Side.SELL, price: 100, qty: 7 },
      { type: 'FILLED', orderId: 3, filledQty: 6 },
    ]);
    expect(book.queue(Side.SELL, 100)).toEqual([2, 1]);
    expect(book.getOrder(1)).toMatchObject({ leaves: 6, visible: 4 });
  });

  it('when an iceberg trades on entry, then it uses its whole quantity and rests showing one slice', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    rec.take();
    book.submit(buy(2, 10, 100, { type: OrderType.ICEBERG, displayQty: 2 }));
    const events = rec.take();
    expect(events[events.length - 1]).toEqual({ type: 'LEVEL', side: Side.BUY, price: 100, qty: 2 });
    expect(book.getOrder(2)).toMatchObject({ filled: 3, leaves: 7, visible: 2 });
  });

  it('when an iceberg is malformed, then it is rejected', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100, { type: OrderType.ICEBERG, displayQty: 11 }));
    book.submit(buy(2, 10, 100, { type: OrderType.ICEBERG, displayQty: 2, tif: TimeInForce.IOC }));
    expect(rec.take()).toEqual([
      { type: 'REJECTED', orderId: 1, reason: RejectReason.INVALID_DISPLAY_QUANTITY },
      { type: 'REJECTED', orderId: 2, reason: RejectReason.INVALID_COMBINATION },
    ]);
  });

  it('when a post-only order would take liquidity, then it is rejected and the book is unchanged', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 5, 100));
    rec.take();
    book.submit(buy(2, 5, 100, { postOnly: true }));
    book.submit(buy(3, 5, 99, { postOnly: true }));
    expect(rec.take()).toEqual([
      { type: 'REJECTED', orderId: 2, reason: RejectReason.POST_ONLY_WOULD_TAKE },
      { type: 'ACCEPTED', orderId: 3 },
      { type: 'LEVEL', side: Side.BUY, price: 99, qty: 5 },
    ]);
  });

  it('when an order has a bad quantity or price, then it is rejected with the matching reason', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 0, 100));
    book.submit(buy(2, 1.5, 100));
    book.submit(buy(3, 5, -1));
    book.submit(buy(4, 5, 0, { type: OrderType.STOP_LOSS }));
    book.submit(buy(5, 5, 100, { tif: TimeInForce.IOC, postOnly: true }));
    expect(ofType(rec.take(), 'REJECTED').map((e) => e.reason)).toEqual([
      RejectReason.INVALID_QUANTITY,
      RejectReason.INVALID_QUANTITY,
      RejectReason.INVALID_PRICE,
      RejectReason.INVALID_STOP_PRICE,
      RejectReason.INVALID_COMBINATION,
    ]);
  });

  it('when an id is already live, then a second order with it is rejected', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100));
    rec.take();
    book.submit(buy(1, 5, 99));
    expect(rec.take()).toEqual([{ type: 'REJECTED', orderId: 1, reason: RejectReason.DUPLICATE_ORDER_ID }]);
  });

  it('when a resting order is cancelled, then its quantity leaves the level; a second cancel is refused', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100));
    book.submit(buy(2, 7, 100));
    rec.take();
    expect(book.cancel(1)).toBe(true);
    expect(book.cancel(1)).toBe(false);
    expect(rec.take()).toEqual([
      { type: 'CANCELLED', orderId: 1, cancelledQty: 5, reason: CancelReason.REQUESTED },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 7 },
      { type: 'REJECTED', orderId: 1, reason: RejectReason.UNKNOWN_ORDER },
    ]);
  });

  it('when a pending stop is cancelled, then it never triggers', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 5, 0, { type: OrderType.STOP_LOSS, stopPrice: 99 }));
    expect(book.cancel(1)).toBe(true);
    book.submit(buy(2, 1, 98));
    book.submit(sell(3, 1, 98)); // last 98 <= 99, but the stop is gone
    expect(ofType(rec.take(), 'TRIGGERED')).toEqual([]);
    expect(book.summary().pendingStops).toBe(0);
  });
});
