import { restsOnBook, type OrderTypeName } from '../trading/order-names';
import type { BookTouch } from './market-observations';

/** The best price of one kind of open priced order on one side of a bond's book, and what is there. */
export interface OpenOrderLevel {
  readonly bondId: number;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: OrderTypeName;
  /** A stop whose trigger has traded (always false for other types). */
  readonly triggered: boolean;
  readonly price: number;
  /** Face value still open at that price. */
  readonly quantity: number;
  /** When the newest of those orders last changed or entered the book. */
  readonly atMs: number;
}

/**
 * The touch of each bond from the best levels of its open orders, kind by kind: only orders that
 * rest on the book count (a triggered stop-limit like any limit order; a stop still waiting does
 * not), kinds at the same best price add up, and a book without both sides is no touch.
 */
export function bookTouches(levels: readonly OpenOrderLevel[]): BookTouch[] {
  const best = new Map<string, { price: number; quantity: number; atMs: number }>();
  for (const l of levels) {
    if (!restsOnBook(l.orderType, l.triggered)) continue;
    const key = `${l.bondId}:${l.side}`;
    const b = best.get(key);
    const better = !b || (l.side === 'BUY' ? l.price > b.price : l.price < b.price);
    if (better) best.set(key, { price: l.price, quantity: l.quantity, atMs: l.atMs });
    else if (l.price === b.price)
      best.set(key, { ...b, quantity: b.quantity + l.quantity, atMs: Math.max(b.atMs, l.atMs) });
  }
  const touches: BookTouch[] = [];
  for (const bondId of [...new Set(levels.map((l) => l.bondId))]) {
    const [bid, ask] = [best.get(`${bondId}:BUY`), best.get(`${bondId}:SELL`)];
    if (!bid || !ask) continue;
    touches.push({
      bondId,
      bid: bid.price,
      ask: ask.price,
      quantity: Math.min(bid.quantity, ask.quantity),
      atMs: Math.max(bid.atMs, ask.atMs),
    });
  }
  return touches;
}
