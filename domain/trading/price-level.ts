import type { RestingOrder } from './resting-order';

/** One price on one side: a FIFO queue of orders kept as an intrusive doubly-linked list. */
export class PriceLevel {
  price = 0;
  /** Sort key: the price for bids, minus the price for asks, so a larger key is always better. */
  key = 0;
  /** Displayed aggregate (what market data shows). */
  qty = 0;
  /** Open aggregate, hidden iceberg reserve included (what an uncross or FOK can execute). */
  total = 0;
  count = 0;
  head: RestingOrder | null = null;
  tail: RestingOrder | null = null;

  append(o: RestingOrder): void {
    o.level = this;
    o.prev = this.tail;
    o.next = null;
    if (this.tail === null) this.head = o;
    else this.tail.next = o;
    this.tail = o;
    this.count++;
    this.qty += o.visible;
    this.total += o.leaves;
  }

  /** Unlinks `o`; the caller has already taken its quantities off `qty` and `total` if it traded. */
  unlink(o: RestingOrder): void {
    const prev = o.prev;
    const next = o.next;
    if (prev === null) this.head = next;
    else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    o.prev = null;
    o.next = null;
    o.level = null;
    this.count--;
  }

  remove(o: RestingOrder): void {
    this.qty -= o.visible;
    this.total -= o.leaves;
    this.unlink(o);
  }

  /** Iceberg replenishment: the new slice queues behind everything already at this price. */
  moveToBack(o: RestingOrder): void {
    if (this.tail === o) return;
    this.unlink(o);
    o.level = this;
    o.prev = this.tail;
    if (this.tail === null) this.head = o;
    else this.tail.next = o;
    this.tail = o;
    this.count++;
  }

  reset(): void {
    this.qty = 0;
    this.total = 0;
    this.count = 0;
    this.head = null;
    this.tail = null;
  }
}
