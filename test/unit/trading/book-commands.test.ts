import fc from 'fast-check';
import {
  applyBookCommand,
  decodeBookCommand,
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

describe('decodeBookCommand', () => {
  test('when journal rows are decoded, then each kind gets its fields, typed, and the row id becomes the order id', () => {
    const payload = { side: Side.BUY, qty: 3, price: 100, participant: 9 };
    expect(decodeBookCommand(41, 'NEW', 5, payload)).toEqual({
      kind: 'NEW',
      at: 5,
      order: { ...payload, id: 41 },
    });
    const modify = { id: 41, qty: 2, price: 101, stopPrice: 0 };
    expect(decodeBookCommand(42, 'MODIFY', 6, modify)).toEqual({ kind: 'MODIFY', at: 6, modify });
    expect(decodeBookCommand(43, 'CANCEL', 7, { orderId: '41' })).toEqual({
      kind: 'CANCEL',
      at: 7,
      orderId: 41,
    });
    expect(decodeBookCommand(44, 'MASS_CANCEL', 8, { participant: '9' })).toEqual({
      kind: 'MASS_CANCEL',
      at: 8,
      participant: 9,
    });
    expect(decodeBookCommand(45, 'MASS_CANCEL', 8, { participant: null })).toEqual({
      kind: 'MASS_CANCEL',
      at: 8,
      participant: null,
    });
    expect(decodeBookCommand(46, 'OPEN', 9, { referencePrice: '100' })).toEqual({
      kind: 'OPEN',
      at: 9,
      referencePrice: 100,
    });
    for (const kind of ['PRE_OPEN', 'CLOSE', 'HALT', 'RESUME', 'TIME'] as const)
      expect(decodeBookCommand(47, kind, 10, {})).toEqual({ kind, at: 10 });
  });
});

describe('applyBookCommand across the session and order commands', () => {
  test('when an order is modified, the venue mass-cancels, halts, resumes and closes, then each lands in the book', () => {
    const rec = new EventRecorder();
    const book = new OrderBook(rec);
    applyBookCommand(book, { kind: 'NEW', at: 1, order: order(1, Side.BUY, 5, 99) });
    applyBookCommand(book, { kind: 'NEW', at: 2, order: order(2, Side.SELL, 5, 101) });
    expect(
      applyBookCommand(book, { kind: 'MODIFY', at: 3, modify: { id: 1, qty: 4, price: 100, stopPrice: 0 } }),
    ).toBeNull();
    expect(book.depth(Side.BUY)).toEqual([expect.objectContaining({ price: 100, qty: 4 })]);
    expect(applyBookCommand(book, { kind: 'HALT', at: 4 })).toBeNull();
    expect(book.halted).toBe(true);
    expect(applyBookCommand(book, { kind: 'HALT', at: 5 })).toMatch(/already halted/);
    expect(applyBookCommand(book, { kind: 'RESUME', at: 6 })).toBeNull();
    expect(applyBookCommand(book, { kind: 'MASS_CANCEL', at: 7, participant: null })).toBeNull();
    expect(book.depth(Side.BUY)).toEqual([]);
    expect(book.depth(Side.SELL)).toEqual([]);
    expect(applyBookCommand(book, { kind: 'CLOSE', at: 8 })).toBeNull();
    expect(book.session).toBe(Session.CLOSED);
  });

  test('when a command fails for a reason other than the session, then the error is not swallowed', () => {
    const book = new OrderBook(new EventRecorder());
    const broken = { kind: 'NEW', at: 1, order: undefined } as unknown as BookCommand;
    expect(() => applyBookCommand(book, broken)).toThrow(TypeError);
  });
});
