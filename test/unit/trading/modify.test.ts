import { CancelReason, OrderType, RejectReason, Side, newOrder } from '../../../domain/trading';
import type { ModifyOrder } from '../../../domain/trading';
import { buy, makeBook, sell, trades } from './book-fixture';

function mod(id: number, qty: number, price: number, stopPrice = 0): ModifyOrder {
  return { id, qty, price, stopPrice };
}

describe('order book: modify', () => {
  it('when the quantity goes down at the same price, then the order keeps its place', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(buy(2, 10, 100));
    rec.take();
    expect(book.modify(mod(1, 6, 100))).toBe(true);
    expect(rec.take()).toEqual([
      { type: 'REPLACED', orderId: 1, price: 100, qty: 6, leavesQty: 6 },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 16 },
    ]);
    expect(book.queue(Side.BUY, 100)).toEqual([1, 2]);
  });

  it('when the quantity goes up, then the order goes to the back of its price', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(buy(2, 10, 100));
    rec.take();
    book.modify(mod(1, 12, 100));
    expect(rec.take()).toEqual([
      { type: 'REPLACED', orderId: 1, price: 100, qty: 12, leavesQty: 12 },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 10 },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 22 },
    ]);
    expect(book.queue(Side.BUY, 100)).toEqual([2, 1]);
  });

  it('when the price moves through the other side, then the modified order matches', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(sell(2, 5, 101));
    rec.take();
    book.modify(mod(1, 10, 101));
    expect(trades(rec.take())).toEqual([[2, 1, 101, 5]]);
    expect(book.getOrder(1)).toMatchObject({ price: 101, filled: 5, leaves: 5 });
    expect(book.depth(Side.BUY)).toEqual([{ price: 101, qty: 5, orders: 1 }]);
  });

  it('when a partly filled order is modified, then the new total counts what has filled', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(sell(2, 4, 100)); // order 1: filled 4, leaves 6
    rec.take();
    book.modify(mod(1, 6, 100)); // total 6 - filled 4 = 2 open
    expect(rec.take()[0]).toEqual({ type: 'REPLACED', orderId: 1, price: 100, qty: 6, leavesQty: 2 });
    expect(book.getOrder(1)).toMatchObject({ qty: 6, filled: 4, leaves: 2 });
  });

  it('when the new total is at or below the filled quantity, then the rest is cancelled', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    book.submit(sell(2, 4, 100));
    rec.take();
    book.modify(mod(1, 4, 100));
    expect(rec.take()).toEqual([
      { type: 'CANCELLED', orderId: 1, cancelledQty: 6, reason: CancelReason.REDUCED_TO_FILLED },
      { type: 'LEVEL', side: Side.BUY, price: 100, qty: 0 },
    ]);
    expect(book.getOrder(1)).toBeNull();
  });

  it('when an iceberg is reduced, then the hidden reserve goes before the shown slice', () => {
    const { book } = makeBook();
    book.submit(buy(1, 10, 100, { type: OrderType.ICEBERG, displayQty: 4 }));
    book.modify(mod(1, 5, 100));
    expect(book.getOrder(1)).toMatchObject({ leaves: 5, visible: 4 });
    book.modify(mod(1, 3, 100));
    expect(book.getOrder(1)).toMatchObject({ leaves: 3, visible: 3 });
    expect(book.depth(Side.BUY)).toEqual([{ price: 100, qty: 3, orders: 1 }]);
  });

  it('when a post-only order is repriced through the other side, then the modify is rejected', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100, { postOnly: true }));
    book.submit(sell(2, 5, 101));
    rec.take();
    expect(book.modify(mod(1, 10, 101))).toBe(false);
    expect(rec.take()).toEqual([{ type: 'REJECTED', orderId: 1, reason: RejectReason.POST_ONLY_WOULD_TAKE }]);
    expect(book.getOrder(1)?.price).toBe(100);
  });

  it('when the order is unknown or the quantity invalid, then the modify is rejected', () => {
    const { book, rec } = makeBook();
    book.submit(buy(1, 10, 100));
    rec.take();
    book.modify(mod(9, 5, 100));
    book.modify(mod(1, 0, 100));
    book.modify(mod(1, 5, 0));
    expect(rec.take().map((e) => (e.type === 'REJECTED' ? e.reason : e.type))).toEqual([
      RejectReason.UNKNOWN_ORDER,
      RejectReason.INVALID_QUANTITY,
      RejectReason.INVALID_PRICE,
    ]);
  });

  it('when a pending stop gets a new stop price already reached, then it triggers', () => {
    const { book, rec } = makeBook({ lastPrice: 100 });
    book.submit(sell(1, 5, 99));
    book.submit(
      newOrder({ id: 2, side: Side.BUY, qty: 5, type: OrderType.STOP_LOSS, stopPrice: 101, participant: 2 }),
    );
    expect(book.getOrder(2)?.pendingStop).toBe(true);
    rec.take();
    book.modify(mod(2, 5, 0, 100)); // last 100 >= 100
    const events = rec.take();
    expect(events.slice(0, 2)).toEqual([
      { type: 'REPLACED', orderId: 2, price: 0, qty: 5, leavesQty: 5 },
      { type: 'TRIGGERED', orderId: 2 },
    ]);
    expect(trades(events)).toEqual([[1, 2, 99, 5]]);
  });
});
