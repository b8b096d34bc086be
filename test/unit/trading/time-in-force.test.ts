import { CancelReason, OrderType, RejectReason, Session, Side, TimeInForce } from '../../../domain/trading';
import { buy, makeBook, ofType, sell, trades } from './book-fixture';

const IOC = { tif: TimeInForce.IOC };
const FOK = { tif: TimeInForce.FOK };

describe('order book: time in force', () => {
  it('when an IOC order cannot fill completely, then it fills what it can and never rests', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    book.submit(sell(2, 4, 101));
    rec.take();
    expect(book.submit(buy(3, 10, 100, IOC))).toBe(3); // 101 is beyond its limit
    expect(ofType(rec.take(), 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 3, cancelledQty: 7, reason: CancelReason.IOC_REMAINDER },
    ]);
    expect(book.getOrder(3)).toBeNull();
    expect(book.bestBid()).toBeNull();
  });

  it('when a FOK order cannot fill completely, then nothing trades and it is cancelled whole', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    book.submit(sell(2, 4, 101));
    rec.take();
    expect(book.submit(buy(3, 8, 101, FOK))).toBe(0); // 3 + 4 = 7 < 8 within the limit
    expect(rec.take()).toEqual([
      { type: 'ACCEPTED', orderId: 3 },
      { type: 'CANCELLED', orderId: 3, cancelledQty: 8, reason: CancelReason.FOK_NOT_FILLABLE },
    ]);
    expect(book.summary()).toMatchObject({ askQty: 7, askLevels: 2 });
  });

  it('when a FOK order can fill completely, then it fills across levels', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    book.submit(sell(2, 4, 101));
    rec.take();
    expect(book.submit(buy(3, 7, 101, FOK))).toBe(7);
    expect(trades(rec.take())).toEqual([
      [1, 3, 100, 3],
      [2, 3, 101, 4],
    ]);
  });

  it('when a FOK order needs an iceberg reserve, then the hidden quantity counts and trades slice by slice', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 10, 100, { type: OrderType.ICEBERG, displayQty: 2 }));
    rec.take();
    expect(book.submit(buy(2, 9, 100, FOK))).toBe(9);
    expect(trades(rec.take()).map((t) => t[3])).toEqual([2, 2, 2, 2, 1]);
    expect(book.getOrder(1)).toMatchObject({ leaves: 1, visible: 1 });
  });

  it('when a market FOK order meets too little, then it is cancelled whole', () => {
    const { book, rec } = makeBook();
    book.submit(sell(1, 3, 100));
    rec.take();
    book.submit(buy(2, 4, 0, { type: OrderType.MARKET, ...FOK }));
    expect(ofType(rec.take(), 'TRADE')).toEqual([]);
  });

  it('when time reaches a GTD expiry, then the order expires and leaves the book', () => {
    const { book, rec } = makeBook({ now: 500 });
    book.submit(buy(1, 5, 100, { tif: TimeInForce.GTD, expireAt: 1000 }));
    book.submit(buy(2, 5, 100, { tif: TimeInForce.GTD, expireAt: 2000 }));
    rec.take();
    book.advanceTime(999);
    expect(rec.take()).toEqual([]);
    book.advanceTime(1000);
    expect(rec.take()).toEqual([
      { type: 'EXPIRED', orderId: 1, expiredQty: 5 },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 5 },
    ]);
    book.advanceTime(900); // the clock never goes back
    expect(book.now).toBe(1000);
  });

  it('when a GTD order arrives with its expiry already past, then it is rejected', () => {
    const { book, rec } = makeBook({ now: 500 });
    book.submit(buy(1, 5, 100, { tif: TimeInForce.GTD, expireAt: 500 }));
    expect(rec.take()).toEqual([{ type: 'REJECTED', orderId: 1, reason: RejectReason.INVALID_EXPIRE_TIME }]);
  });

  it('when a GTD order fills or is cancelled before its expiry, then nothing expires later', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100, { tif: TimeInForce.GTD, expireAt: 10 }));
    book.submit(buy(2, 5, 99, { tif: TimeInForce.GTD, expireAt: 10 }));
    book.submit(sell(3, 5, 100));
    book.cancel(2);
    rec.take();
    book.advanceTime(10);
    expect(rec.take()).toEqual([]);
  });

  it('when a pending GTD stop reaches its expiry, then it expires without triggering', () => {
    const { book, rec } = makeBook();
    book.submit(
      sell(1, 5, 0, { type: OrderType.STOP_LOSS, stopPrice: 99, tif: TimeInForce.GTD, expireAt: 10 }),
    );
    rec.take();
    book.advanceTime(10);
    expect(rec.take()).toEqual([{ type: 'EXPIRED', orderId: 1, expiredQty: 5 }]);
    expect(book.summary().pendingStops).toBe(0);
  });

  it('when the session closes, then DAY orders expire and GTC orders stay', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100, { tif: TimeInForce.DAY }));
    book.submit(buy(2, 6, 100, { tif: TimeInForce.GTC }));
    book.submit(sell(3, 7, 0, { type: OrderType.STOP_LOSS, stopPrice: 90, tif: TimeInForce.DAY }));
    rec.take();
    book.close();
    expect(rec.take()).toEqual([
      { type: 'SESSION', session: Session.CLOSED, halted: false },
      { type: 'EXPIRED', orderId: 1, expiredQty: 5 },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 6 },
      { type: 'EXPIRED', orderId: 3, expiredQty: 7 },
    ]);
    expect(book.queue(Side.BUY, 100)).toEqual([2]);
    book.submit(buy(4, 1, 100));
    expect(rec.take()).toEqual([{ type: 'REJECTED', orderId: 4, reason: RejectReason.MARKET_CLOSED }]);
  });
});
