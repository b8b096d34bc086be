import type { PriceLevel } from './price-level';
import type { OrderType, Side, StpMode, TimeInForce } from './order-types';

/**
 * An order the engine holds: resting in a price level (an intrusive doubly-linked list node, so
 * removal is O(1) whatever the queue length) or waiting for its stop. Instances are pooled and
 * reused, so nothing outside the engine may keep a reference.
 */
export class RestingOrder {
  id = 0;
  participant = 0;
  side: Side = 0;
  type: OrderType = 0;
  price = 0;
  stopPrice = 0;
  /** Total quantity, filled included (the FIX OrderQty). */
  qty = 0;
  filled = 0;
  /** Open quantity: displayed plus hidden. */
  leaves = 0;
  /** Iceberg slice size; 0 for a fully displayed order. */
  display = 0;
  /** Currently displayed part of `leaves`. */
  visible = 0;
  tif: TimeInForce = 0;
  expireAt = 0;
  /** The book's clock when the order was accepted: a trading day's end expires the DAY orders before it. */
  enteredAt = 0;
  postOnly = false;
  stp: StpMode = 0;
  /** Time priority: a new value each time the order (re)joins a queue. */
  seq = 0;
  level: PriceLevel | null = null;
  prev: RestingOrder | null = null;
  next: RestingOrder | null = null;
}
