/**
 * Vocabulary of the matching engine. Enumerations are small integers (not strings) so the hot path
 * compares numbers; the API layer maps them to the UPPER_SNAKE_CASE names of the OpenAPI document.
 */

export const Side = { BUY: 0, SELL: 1 } as const;
export type Side = (typeof Side)[keyof typeof Side];

export const OrderType = { LIMIT: 0, MARKET: 1, STOP_LOSS: 2, STOP_LIMIT: 3, ICEBERG: 4 } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export const TimeInForce = { DAY: 0, GTC: 1, GTD: 2, IOC: 3, FOK: 4 } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** What happens when an incoming order would trade with a resting order of the same participant. */
export const StpMode = { CANCEL_INCOMING: 0, CANCEL_RESTING: 1, CANCEL_BOTH: 2 } as const;
export type StpMode = (typeof StpMode)[keyof typeof StpMode];

export const Session = { PRE_OPEN: 0, CONTINUOUS: 1, CLOSED: 2 } as const;
export type Session = (typeof Session)[keyof typeof Session];

/**
 * A new order as the engine sees it: integer ticks and lots, numeric ids (the caller maps UUIDs
 * and participant ids). The engine reads it during `submit` and keeps no reference, so a caller
 * may reuse one object for every command.
 */
export interface NewOrder {
  id: number;
  participant: number;
  side: Side;
  type: OrderType;
  /** Limit price in ticks; ignored for MARKET and STOP_LOSS. */
  price: number;
  /** Total quantity in lots. */
  qty: number;
  /** Trigger price in ticks for STOP_LOSS and STOP_LIMIT. */
  stopPrice: number;
  /** Shown quantity in lots for ICEBERG. */
  displayQty: number;
  tif: TimeInForce;
  /** For GTD: the order expires once the engine's time reaches this value (same clock as `now`). */
  expireAt: number;
  postOnly: boolean;
  stp: StpMode;
}

/** FIX-style replace: `qty` is the new TOTAL quantity, including what has already filled. */
export interface ModifyOrder {
  id: number;
  qty: number;
  /** New limit price in ticks (unchanged when equal to the current one). */
  price: number;
  /** New trigger price for an order still waiting for its stop; ignored otherwise. */
  stopPrice: number;
}

/** Aggregated view of one price level, for snapshots and market data. */
export interface LevelView {
  price: number;
  qty: number;
  orders: number;
}

export interface BookSummary {
  restingOrders: number;
  pendingStops: number;
  bidLevels: number;
  askLevels: number;
  bidQty: number;
  askQty: number;
  bestBid: number | null;
  bestAsk: number | null;
}
