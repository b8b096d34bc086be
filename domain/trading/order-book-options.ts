import type { OrderType, Session, Side } from './order-types';

export interface OrderBookOptions {
  /** Starting session; CONTINUOUS when omitted. */
  session?: Session;
  /** Starting clock value (the unit is the caller's, e.g. epoch milliseconds). */
  now?: number;
  /** Last trade price in ticks carried over (e.g. from the previous day) for stop triggers. */
  lastPrice?: number;
}

/** A copy of a live order's state, for queries and tests (allocates; not for the hot path). */
export interface OrderView {
  id: number;
  participant: number;
  side: Side;
  type: OrderType;
  price: number;
  stopPrice: number;
  qty: number;
  filled: number;
  leaves: number;
  visible: number;
  /** Waiting for its stop price, so not in the book yet. */
  pendingStop: boolean;
}
