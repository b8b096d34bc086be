import {
  Aggressor,
  CancelReason,
  OrderType,
  RejectReason,
  Session,
  SessionTransitionError,
  Side,
  TimeInForce,
} from '../../../domain/trading';
import { buy, makeBook, ofType, sell, trades } from './book-fixture';

describe('order book: sessions, halts and mass cancel', () => {
  it('when orders cross in PRE_OPEN, then they rest without trading', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 102));
    book.submit(sell(2, 10, 100));
    expect(ofType(rec.take(), 'TRADE')).toEqual([]);
    expect([book.bestBid(), book.bestAsk()]).toEqual([102, 100]);
  });

  it('when a market or immediate order arrives in PRE_OPEN, then it is rejected', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 0, { type: OrderType.MARKET, tif: TimeInForce.IOC }));
    book.submit(buy(2, 10, 100, { tif: TimeInForce.FOK }));
    expect(ofType(rec.take(), 'REJECTED').map((e) => e.reason)).toEqual([
      RejectReason.NOT_ALLOWED_IN_PRE_OPEN,
      RejectReason.NOT_ALLOWED_IN_PRE_OPEN,
    ]);
  });

  it('when the book opens, then it uncrosses at the maximum-volume price in priority order', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 102));
    book.submit(buy(2, 10, 101));
    book.submit(buy(3, 10, 100));
    book.submit(sell(4, 5, 99));
    book.submit(sell(5, 10, 100));
    book.submit(sell(6, 10, 101));
    rec.take();
    // Executable volume, min(buys at or above p, sells at or below p):
    //   99: min(30, 5) = 5   100: min(30, 15) = 15   101: min(20, 25) = 20   102: min(10, 25) = 10
    book.open(100);
    const events = rec.take();
    expect(events[0]).toEqual({ type: 'SESSION', session: Session.CONTINUOUS, halted: false });
    // Bids 1 (102) then 2 (101) meet asks 4 (99), 5 (100), 6 (101); bids arrived first, so are makers.
    expect(trades(events)).toEqual([
      [1, 4, 101, 5],
      [1, 5, 101, 5],
      [2, 5, 101, 5],
      [2, 6, 101, 5],
    ]);
    expect(ofType(events, 'TRADE').every((t) => t.aggressor === Aggressor.NONE)).toBe(true);
    expect(book.summary()).toMatchObject({ bestBid: 100, bestAsk: 101, bidQty: 10, askQty: 5 });
    expect(book.lastPrice).toBe(101);
    expect(book.session).toBe(Session.CONTINUOUS);
  });

  it('when volume and imbalance tie, then the reference price picks the uncross price', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 104));
    book.submit(sell(2, 10, 100));
    rec.take();
    book.open(102); // 10 lots with no imbalance at every price 100..104: the reference wins
    expect(trades(rec.take())).toEqual([[1, 2, 102, 10]]);
  });

  it('when the uncross meets a self-match, then the later order follows its mode and the rest still uncrosses', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 101, { participant: 7 }));
    book.submit(sell(2, 10, 100, { participant: 7 })); // later than 1: CANCEL_INCOMING cancels it
    book.submit(sell(3, 10, 101, { participant: 9 }));
    rec.take();
    // First pass: 100 (volume 10, imbalance 0) beats 101 (volume 10, imbalance 10), but 1 vs 2
    // is a self-match, so 2 goes. The book is still crossed (101 vs 101): second pass at 101.
    book.open(100);
    const events = rec.take();
    expect(ofType(events, 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 2, cancelledQty: 10, reason: CancelReason.SELF_TRADE },
    ]);
    expect(trades(events)).toEqual([[1, 3, 101, 10]]);
    expect(book.summary().restingOrders).toBe(0);
  });

  it('when an iceberg takes part in the uncross, then its hidden reserve executes too', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 9, 100, { type: OrderType.ICEBERG, displayQty: 3 }));
    book.submit(sell(2, 9, 100));
    rec.take();
    book.open(100);
    expect(trades(rec.take())).toEqual([
      [1, 2, 100, 3],
      [1, 2, 100, 3],
      [1, 2, 100, 3],
    ]);
  });

  it('when the uncross price reaches a stop collected in PRE_OPEN, then the stop triggers after the open', () => {
    const { book, rec } = makeBook({ session: Session.PRE_OPEN });
    book.submit(buy(1, 10, 101));
    book.submit(sell(2, 10, 101));
    book.submit(sell(3, 5, 102));
    book.submit(buy(4, 3, 0, { type: OrderType.STOP_LOSS, stopPrice: 101 }));
    rec.take();
    book.open(101); // 101: min(10, 10) = 10; 102: no buys at or above -> uncross at 101
    const events = rec.take();
    expect(trades(events)).toEqual([
      [1, 2, 101, 10],
      [3, 4, 102, 3],
    ]);
    expect(ofType(events, 'TRIGGERED')).toEqual([{ type: 'TRIGGERED', orderId: 4 }]);
  });

  it('when the book is halted, then entry and amendment are refused but cancels work', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100));
    book.halt();
    book.submit(buy(2, 5, 100));
    book.modify({ id: 1, qty: 4, price: 100, stopPrice: 0 });
    book.cancel(1);
    book.resume();
    expect(rec.take().slice(2)).toEqual([
      { type: 'SESSION', session: Session.CONTINUOUS, halted: true },
      { type: 'REJECTED', orderId: 2, reason: RejectReason.BOOK_HALTED },
      { type: 'REJECTED', orderId: 1, reason: RejectReason.BOOK_HALTED },
      { type: 'CANCELLED', orderId: 1, cancelledQty: 5, reason: CancelReason.REQUESTED },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 0 },
      { type: 'SESSION', session: Session.CONTINUOUS, halted: false },
    ]);
  });

  it('when a session command does not fit the state, then it throws a typed error', () => {
    const { book } = makeBook();
    expect(() => book.open(100)).toThrow(SessionTransitionError);
    expect(() => book.preOpen()).toThrow(SessionTransitionError);
    expect(() => book.resume()).toThrow(SessionTransitionError);
    book.close();
    expect(() => book.close()).toThrow(SessionTransitionError);
    book.preOpen();
    expect(book.session).toBe(Session.PRE_OPEN);
  });

  it('when one participant mass-cancels, then only its orders go; a full mass cancel empties the book', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 5, 100, { participant: 7 }));
    book.submit(buy(2, 5, 99, { participant: 8 }));
    book.submit(sell(3, 5, 0, { participant: 7, type: OrderType.STOP_LOSS, stopPrice: 90 }));
    rec.take();
    expect(book.massCancel(7)).toBe(2);
    expect(ofType(rec.take(), 'CANCELLED').map((e) => [e.orderId, e.reason])).toEqual([
      [1, CancelReason.MASS_CANCEL],
      [3, CancelReason.MASS_CANCEL],
    ]);
    expect(book.massCancel()).toBe(1);
    expect(book.summary()).toMatchObject({ restingOrders: 0, pendingStops: 0 });
  });
});
