import { CancelReason, StpMode, TimeInForce } from '../../../domain/trading';
import { buy, makeBook, ofType, sell, trades } from './book-fixture';

/** Asks at 100, in time order: 3 lots of participant 8, 5 of participant 7, 5 of participant 9. */
function bookWithOwnOrderInQueue() {
  const fixture = makeBook();
  fixture.book.submit(sell(1, 3, 100, { participant: 8 }));
  fixture.book.submit(sell(2, 5, 100, { participant: 7 }));
  fixture.book.submit(sell(3, 5, 100, { participant: 9 }));
  fixture.rec.take();
  return fixture;
}

describe('order book: self-trade prevention', () => {
  it('when no mode is given (CANCEL_INCOMING), then the incoming order stops at its own resting order', () => {
    const { book, rec } = bookWithOwnOrderInQueue();
    expect(book.submit(buy(4, 10, 100, { participant: 7 }))).toBe(3);
    const events = rec.take();
    expect(trades(events)).toEqual([[1, 4, 100, 3]]);
    expect(ofType(events, 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 4, cancelledQty: 7, reason: CancelReason.SELF_TRADE },
    ]);
    expect(book.queue(1, 100)).toEqual([2, 3]);
  });

  it('when the mode is CANCEL_RESTING, then the own resting order goes and matching continues', () => {
    const { book, rec } = bookWithOwnOrderInQueue();
    // 3 from order 1, order 2 cancelled, 5 from order 3; 2 of the 10 rest as a bid.
    expect(book.submit(buy(4, 10, 100, { participant: 7, stp: StpMode.CANCEL_RESTING }))).toBe(8);
    const events = rec.take();
    expect(trades(events)).toEqual([
      [1, 4, 100, 3],
      [3, 4, 100, 5],
    ]);
    expect(ofType(events, 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 2, cancelledQty: 5, reason: CancelReason.SELF_TRADE },
    ]);
    expect(book.getOrder(4)).toMatchObject({ leaves: 2 });
  });

  it('when the mode is CANCEL_BOTH, then both orders are cancelled', () => {
    const { book, rec } = bookWithOwnOrderInQueue();
    book.submit(buy(4, 10, 100, { participant: 7, stp: StpMode.CANCEL_BOTH }));
    const events = rec.take();
    expect(trades(events)).toEqual([[1, 4, 100, 3]]);
    expect(ofType(events, 'CANCELLED')).toEqual([
      { type: 'CANCELLED', orderId: 2, cancelledQty: 5, reason: CancelReason.SELF_TRADE },
      { type: 'CANCELLED', orderId: 4, cancelledQty: 7, reason: CancelReason.SELF_TRADE },
    ]);
    expect(book.queue(1, 100)).toEqual([3]);
  });

  it('when a FOK order would reach its own order before filling, then it is cancelled whole', () => {
    const { book, rec } = bookWithOwnOrderInQueue();
    book.submit(buy(4, 5, 100, { participant: 7, tif: TimeInForce.FOK }));
    expect(ofType(rec.take(), 'TRADE')).toEqual([]);
    book.submit(buy(5, 3, 100, { participant: 7, tif: TimeInForce.FOK })); // fits before order 2
    expect(trades(rec.take())).toEqual([[1, 5, 100, 3]]);
  });

  it('when a FOK order uses CANCEL_RESTING, then its own orders do not count but do not block', () => {
    const { book, rec } = bookWithOwnOrderInQueue();
    // 3 + 5 from other participants = 8 available; 9 cannot fill, 8 can.
    book.submit(buy(4, 9, 100, { participant: 7, tif: TimeInForce.FOK, stp: StpMode.CANCEL_RESTING }));
    expect(ofType(rec.take(), 'TRADE')).toEqual([]);
    expect(
      book.submit(buy(5, 8, 100, { participant: 7, tif: TimeInForce.FOK, stp: StpMode.CANCEL_RESTING })),
    ).toBe(8);
  });

  it('when participants differ, then nothing is prevented', () => {
    const { book } = makeBook();
    book.submit(sell(1, 5, 100, { participant: 7 }));
    expect(book.submit(buy(2, 5, 100, { participant: 8 }))).toBe(5);
  });
});
