import {
  EventRecorder,
  OrderBook,
  Side,
  newOrder,
  type EngineEvent,
  type NewOrder,
  type OrderBookOptions,
} from '../../../domain/trading';

/** A book wired to a recorder, with terse order builders for known-answer tests. */
export function makeBook(options: OrderBookOptions = {}): { book: OrderBook; rec: EventRecorder } {
  const rec = new EventRecorder();
  return { book: new OrderBook(rec, options), rec };
}

type Extra = Partial<Omit<NewOrder, 'id' | 'side' | 'qty' | 'price'>>;

export function buy(id: number, qty: number, price: number, extra: Extra = {}): NewOrder {
  return newOrder({ id, side: Side.BUY, qty, price, participant: id, ...extra });
}

export function sell(id: number, qty: number, price: number, extra: Extra = {}): NewOrder {
  return newOrder({ id, side: Side.SELL, qty, price, participant: id, ...extra });
}

export function ofType<T extends EngineEvent['type']>(
  events: readonly EngineEvent[],
  type: T,
): Extract<EngineEvent, { type: T }>[] {
  return events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
}

/** Trades as [maker, taker, price, qty] tuples, the shape most assertions want. */
export function trades(events: readonly EngineEvent[]): [number, number, number, number][] {
  return ofType(events, 'TRADE').map((t) => [t.makerId, t.takerId, t.price, t.qty]);
}
