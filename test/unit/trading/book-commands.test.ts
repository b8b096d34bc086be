import fc from 'fast-check';
import {
  applyBookCommand,
  EventRecorder,
  OrderBook,
  Session,
  Side,
  TimeInForce,
  newOrder,
  type BookCommand,
} from '../../../domain/trading';

const order = (id: number, side: Side, qty: number, price: number, participant = id) =>
  newOrder({ id, side, qty, price, participant });

describe('applyBookCommand', () => {
  test('when a session command does not fit the state, then it answers why and changes nothing', () => {
    const rec = new EventRecorder();
    const book = new OrderBook(rec);
    expect(applyBookCommand(book, { kind: 'RESUME', at: 1 })).toMatch(/not halted/);
    expect(applyBookCommand(book, { kind: 'PRE_OPEN', at: 2 })).toMatch(/cannot move/);
    expect(rec.events).toEqual([]);
    expect(book.session).toBe(Session.CONTINUOUS);
  });

  test("when a TIME command reaches a GTD order's expiry, then that order expires and the next expiry is the later one", () => {
    const rec = new EventRecorder();
    const book = new OrderBook(rec);
    const gtd = (id: number, expireAt: number) =>
      newOrder({ id, side: Side.BUY, qty: 2, price: 100, participant: id, tif: TimeInForce.GTD, expireAt });
    applyBookCommand(book, { kind: 'NEW', at: 1, order: gtd(1, 50) });
    applyBookCommand(book, { kind: 'NEW', at: 2, order: gtd(2, 80) });
    expect(book.nextExpiryAt).toBe(50);
    rec.take();
    expect(applyBookCommand(book, { kind: 'TIME', at: 49 })).toBeNull();
    expect(rec.take()).toEqual([]);
    applyBookCommand(book, { kind: 'TIME', at: 50 });
    expect(rec.take().filter((e) => e.type === 'EXPIRED')).toEqual([
      { type: 'EXPIRED', orderId: 1, expiredQty: 2 },
    ]);
    expect(book.nextExpiryAt).toBe(80);
    expect(book.getOrder(2)).not.toBeNull();
  });

  test('when a PRE_OPEN book opens, then it uncrosses at one price', () => {
    const rec = new EventRecorder();
    const book = new OrderBook(rec, { session: Session.CLOSED });
    const cmds: BookCommand[] = [
      { kind: 'PRE_OPEN', at: 1 },
      { kind: 'NEW', at: 2, order: order(1, Side.BUY, 5, 101) },
      { kind: 'NEW', at: 3, order: order(2, Side.SELL, 3, 99) },
      { kind: 'OPEN', at: 4, referencePrice: 100 },
    ];
    for (const c of cmds) expect(applyBookCommand(book, c)).toBeNull();
    // 3 lots execute anywhere from 99 to 101 with the same imbalance: the reference price 100 decides.
    const trades = rec.events.filter((e) => e.type === 'TRADE');
    expect(trades).toEqual([{ type: 'TRADE', makerId: 1, takerId: 2, price: 100, qty: 3, aggressor: 2 }]);
    expect(book.session).toBe(Session.CONTINUOUS);
  });

  test('when the same commands are applied to a fresh book, then the events are the same (replay)', () => {
    const cmd = fc.oneof(
      fc.record({
        kind: fc.constant('NEW' as const),
        side: fc.constantFrom(Side.BUY, Side.SELL),
        qty: fc.integer({ min: 1, max: 20 }),
        price: fc.integer({ min: 95, max: 105 }),
        participant: fc.integer({ min: 1, max: 4 }),
      }),
      fc.record({ kind: fc.constant('CANCEL' as const), target: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('MASS' as const), participant: fc.integer({ min: 1, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 60 }), (script) => {
        const commands: BookCommand[] = script.map((s, i) => {
          const at = 1000 + i;
          if (s.kind === 'NEW')
            return { kind: 'NEW', at, order: order(i + 1, s.side, s.qty, s.price, s.participant) };
          if (s.kind === 'CANCEL') return { kind: 'CANCEL', at, orderId: s.target };
          return { kind: 'MASS_CANCEL', at, participant: s.participant };
        });
        const run = () => {
          const rec = new EventRecorder();
          const book = new OrderBook(rec);
          for (const c of commands) applyBookCommand(book, c);
          return { events: rec.events, bids: book.depth(Side.BUY), asks: book.depth(Side.SELL) };
        };
        expect(run()).toEqual(run());
      }),
    );
  });
});
