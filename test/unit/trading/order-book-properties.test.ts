import fc from 'fast-check';
import {
  EventRecorder,
  OrderBook,
  OrderType,
  Session,
  Side,
  StpMode,
  TimeInForce,
  newOrder,
  type EngineEvent,
  type NewOrder,
} from '../../../domain/trading';

type Cmd =
  | { kind: 'submit'; order: Omit<NewOrder, 'id'> }
  | { kind: 'cancel'; pick: number }
  | { kind: 'modify'; pick: number; qty: number; price: number }
  | { kind: 'time'; dt: number }
  /** Next step of the day: CONTINUOUS -> CLOSED -> PRE_OPEN -> (uncross) CONTINUOUS. */
  | { kind: 'session'; reference: number }
  | { kind: 'halt' };

const price = fc.integer({ min: 95, max: 105 });
const qty = fc.integer({ min: 1, max: 20 });

/** Any order the engine accepts (and a few it rejects), with the clock at most 3 steps ahead. */
const anyOrder = fc
  .record({
    side: fc.constantFrom(Side.BUY, Side.SELL),
    type: fc.constantFrom(
      OrderType.LIMIT,
      OrderType.LIMIT,
      OrderType.LIMIT,
      OrderType.MARKET,
      OrderType.ICEBERG,
      OrderType.STOP_LOSS,
      OrderType.STOP_LIMIT,
    ),
    tif: fc.constantFrom(TimeInForce.DAY, TimeInForce.GTC, TimeInForce.GTD, TimeInForce.IOC, TimeInForce.FOK),
    price,
    qty,
    displayQty: qty,
    stopPrice: price,
    participant: fc.integer({ min: 1, max: 4 }),
    stp: fc.constantFrom(StpMode.CANCEL_INCOMING, StpMode.CANCEL_RESTING, StpMode.CANCEL_BOTH),
    postOnly: fc.boolean(),
    expireIn: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ expireIn, ...o }): Omit<NewOrder, 'id'> => {
    const immediate = o.tif === TimeInForce.IOC || o.tif === TimeInForce.FOK;
    const tif =
      o.type === OrderType.MARKET && !immediate
        ? TimeInForce.IOC
        : o.type === OrderType.ICEBERG && immediate
          ? TimeInForce.GTC
          : o.tif;
    return {
      ...o,
      tif,
      displayQty: Math.min(o.displayQty, o.qty),
      postOnly: o.postOnly && (o.type === OrderType.LIMIT || o.type === OrderType.ICEBERG) && !immediate,
      expireAt: expireIn, // relative here; made absolute when run
    };
  });

const anyCmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: anyOrder.map((order) => ({ kind: 'submit' as const, order })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), qty, price }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((dt) => ({ kind: 'time' as const, dt })) },
  { weight: 1, arbitrary: price.map((reference) => ({ kind: 'session' as const, reference })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'halt' as const }) },
);

interface Run {
  book: OrderBook;
  events: EngineEvent[];
  orders: Map<number, NewOrder>;
}

/** Runs commands on a fresh book; ids are 1, 2, ... in submission order. `check` runs after each. */
function run(cmds: readonly Cmd[], check: (r: Run, cmd: Cmd, id: number) => void = () => {}): Run {
  const rec = new EventRecorder();
  const book = new OrderBook(rec);
  const orders = new Map<number, NewOrder>();
  const r: Run = { book, events: rec.events, orders };
  let nextId = 1;
  for (const cmd of cmds) {
    const known = nextId - 1;
    let id = 0;
    if (cmd.kind === 'submit') {
      id = nextId++;
      const o = newOrder({ ...cmd.order, id, expireAt: book.now + cmd.order.expireAt });
      orders.set(id, o);
      book.submit(o);
    } else if (cmd.kind === 'cancel' && known > 0) {
      book.cancel(1 + (cmd.pick % known));
    } else if (cmd.kind === 'modify' && known > 0) {
      id = 1 + (cmd.pick % known);
      book.modify({ id, qty: cmd.qty, price: cmd.price, stopPrice: cmd.price });
    } else if (cmd.kind === 'time') {
      book.advanceTime(book.now + cmd.dt);
    } else if (cmd.kind === 'halt') {
      if (book.halted) book.resume();
      else book.halt();
    } else if (cmd.kind === 'session' && !book.halted) {
      if (book.session === Session.CONTINUOUS) book.close();
      else if (book.session === Session.CLOSED) book.preOpen();
      else book.open(cmd.reference);
    }
    check(r, cmd, id);
  }
  return r;
}

const commands = fc.array(anyCmd, { minLength: 1, maxLength: 120, size: 'max' });

describe('order book: properties', () => {
  it('when any commands run, then the resting book is never crossed and market data matches it', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const shown = new Map<string, number>();
        let seen = 0;
        run(cmds, ({ book, events }) => {
          for (; seen < events.length; seen++) {
            const e = events[seen]!;
            if (e.type === 'LEVEL') shown.set(`${e.side}:${e.price}`, e.qty);
          }
          const bid = book.bestBid();
          const ask = book.bestAsk();
          // PRE_OPEN collects without matching; every other session keeps the book uncrossed.
          if (book.session !== Session.PRE_OPEN) expect(bid === null || ask === null || bid < ask).toBe(true);
          const depth = [Side.BUY, Side.SELL].flatMap((s) =>
            book.depth(s).map((l) => `${s}:${l.price}=${l.qty}`),
          );
          const fromEvents = [...shown].filter(([, q]) => q > 0).map(([k, q]) => `${k}=${q}`);
          expect(fromEvents.sort()).toEqual(depth.sort());
        });
      }),
      { numRuns: 300 },
    );
  });

  it('when any commands run, then every accepted lot is filled, resting, cancelled or expired', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const { book, events, orders } = run(cmds);
        const total = new Map<number, number>();
        const out = new Map<number, number>(); // filled + cancelled + expired
        const add = (id: number, q: number) => out.set(id, (out.get(id) ?? 0) + q);
        for (const e of events) {
          if (e.type === 'ACCEPTED') total.set(e.orderId, orders.get(e.orderId)!.qty);
          else if (e.type === 'REPLACED') total.set(e.orderId, e.qty);
          else if (e.type === 'TRADE') {
            add(e.makerId, e.qty);
            add(e.takerId, e.qty);
          } else if (e.type === 'CANCELLED') add(e.orderId, e.cancelledQty);
          else if (e.type === 'EXPIRED') add(e.orderId, e.expiredQty);
        }
        for (const [id, t] of total) expect((out.get(id) ?? 0) + (book.getOrder(id)?.leaves ?? 0)).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('when any commands run, then IOC, FOK and market orders never rest, FOK never partly fills, nobody trades with itself', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const neverRest: number[] = [];
        const { events, orders } = run(cmds, ({ book, orders }, cmd, id) => {
          const o = orders.get(id);
          if (cmd.kind === 'submit' && o !== undefined) {
            const immediate = o.tif === TimeInForce.IOC || o.tif === TimeInForce.FOK;
            if (immediate || o.type === OrderType.MARKET || o.type === OrderType.STOP_LOSS)
              neverRest.push(id);
          }
          // Stops trigger during other commands, so such orders are checked after every command
          // until they are gone (ids are never reused).
          for (let i = neverRest.length - 1; i >= 0; i--) {
            const live = book.getOrder(neverRest[i]!);
            if (live === null) neverRest.splice(i, 1);
            else if (!live.pendingStop) throw new Error(`order ${live.id} rests`);
          }
        });
        const traded = new Map<number, number>();
        const total = new Map<number, number>(); // a pending FOK stop may be modified before it triggers
        for (const e of events) {
          if (e.type === 'REPLACED') total.set(e.orderId, e.qty);
          if (e.type !== 'TRADE') continue;
          expect(orders.get(e.makerId)!.participant).not.toBe(orders.get(e.takerId)!.participant);
          traded.set(e.takerId, (traded.get(e.takerId) ?? 0) + e.qty);
        }
        for (const o of orders.values()) {
          if (o.tif === TimeInForce.FOK)
            expect([0, total.get(o.id) ?? o.qty]).toContain(traded.get(o.id) ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when the same commands are replayed, then the events are identical', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        expect(run(cmds).events).toEqual(run(cmds).events);
      }),
      { numRuns: 100 },
    );
  });
});

/** Naive price-time book: scans every order for the best price, then the earliest arrival. */
class NaiveBook {
  private orders: { id: number; side: Side; price: number; filled: number; leaves: number; seq: number }[] =
    [];
  private seq = 0;
  readonly trades: [number, number, number, number][] = [];

  submit(id: number, side: Side, price: number | null, qty: number, ioc: boolean): void {
    const o = { id, side, price: price ?? 0, filled: 0, leaves: qty, seq: ++this.seq };
    this.match(o, price === null);
    if (o.leaves > 0 && price !== null && !ioc) this.orders.push(o);
  }

  cancel(id: number): void {
    this.orders = this.orders.filter((o) => o.id !== id);
  }

  modify(id: number, qty: number, price: number): void {
    const o = this.orders.find((x) => x.id === id);
    if (o === undefined) return;
    if (qty <= o.filled) return this.cancel(id);
    const leaves = qty - o.filled;
    if (price === o.price && leaves <= o.leaves) {
      o.leaves = leaves;
      return;
    }
    this.cancel(id);
    Object.assign(o, { price, leaves, seq: ++this.seq });
    this.match(o, false);
    if (o.leaves > 0) this.orders.push(o);
  }

  /** Resting ids per side, best price first, then arrival. */
  queues(side: Side): number[] {
    const sign = side === Side.BUY ? -1 : 1;
    return this.orders
      .filter((o) => o.side === side)
      .sort((a, b) => sign * (a.price - b.price) || a.seq - b.seq)
      .map((o) => o.id);
  }

  private match(
    t: { id: number; side: Side; price: number; filled: number; leaves: number },
    market: boolean,
  ) {
    while (t.leaves > 0) {
      const [best] = this.orders
        .filter(
          (o) =>
            o.side !== t.side && (market || (t.side === Side.BUY ? o.price <= t.price : o.price >= t.price)),
        )
        .sort((a, b) => (t.side === Side.BUY ? a.price - b.price : b.price - a.price) || a.seq - b.seq);
      if (best === undefined) return;
      const q = Math.min(best.leaves, t.leaves);
      best.leaves -= q;
      best.filled += q;
      t.leaves -= q;
      t.filled += q;
      this.trades.push([best.id, t.id, best.price, q]);
      if (best.leaves === 0) this.cancel(best.id);
    }
  }
}

describe('order book: price-time priority against a naive model', () => {
  // Few prices, so queues form and modifies hit orders that share a level.
  const price = fc.integer({ min: 98, max: 102 });
  const plainCmd: fc.Arbitrary<Cmd> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({
          side: fc.constantFrom(Side.BUY, Side.SELL),
          market: fc.boolean(),
          ioc: fc.boolean(),
          price,
          qty,
        })
        .map(({ side, market, ioc, price: p, qty: q }) => ({
          kind: 'submit' as const,
          order: newOrder({
            id: 0,
            side,
            qty: q,
            price: p,
            type: market ? OrderType.MARKET : OrderType.LIMIT,
            tif: market || ioc ? TimeInForce.IOC : TimeInForce.GTC,
          }),
        })),
    },
    { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), qty, price }) },
  );

  it('when limit, market, IOC, cancel and modify commands run, then trades and queues equal the naive book', () => {
    fc.assert(
      fc.property(fc.array(plainCmd, { maxLength: 150, size: 'max' }), (cmds) => {
        const naive = new NaiveBook();
        // Every order its own participant, as self-trade prevention is not what is compared here.
        const withParticipants = cmds.map((c, i) =>
          c.kind === 'submit' ? { ...c, order: { ...c.order, participant: 1000 + i } } : c,
        );
        let nextId = 1;
        const { book, events } = run(withParticipants);
        for (const c of withParticipants) {
          const known = nextId - 1;
          if (c.kind === 'submit') {
            const o = c.order;
            naive.submit(
              nextId++,
              o.side,
              o.type === OrderType.MARKET ? null : o.price,
              o.qty,
              o.tif === TimeInForce.IOC,
            );
          } else if (c.kind === 'cancel' && known > 0) naive.cancel(1 + (c.pick % known));
          else if (c.kind === 'modify' && known > 0) naive.modify(1 + (c.pick % known), c.qty, c.price);
        }
        const got = events.flatMap((e) =>
          e.type === 'TRADE' ? [[e.makerId, e.takerId, e.price, e.qty]] : [],
        );
        expect(got).toEqual(naive.trades);
        for (const side of [Side.BUY, Side.SELL]) {
          const queues = book.depth(side).flatMap((l) => book.queue(side, l.price));
          expect(queues).toEqual(naive.queues(side));
        }
      }),
      { numRuns: 300 },
    );
  });
});
