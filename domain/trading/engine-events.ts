import type { Session, Side } from './order-types';

/** Why a command was refused. The order (or the change) never entered the book. */
export const RejectReason = {
  INVALID_QUANTITY: 1,
  INVALID_PRICE: 2,
  INVALID_STOP_PRICE: 3,
  INVALID_DISPLAY_QUANTITY: 4,
  INVALID_EXPIRE_TIME: 5,
  /** Side, type, time in force, self-trade mode or post-only that do not go together or exist. */
  INVALID_COMBINATION: 6,
  DUPLICATE_ORDER_ID: 7,
  UNKNOWN_ORDER: 8,
  BOOK_HALTED: 9,
  MARKET_CLOSED: 10,
  NOT_ALLOWED_IN_PRE_OPEN: 11,
  POST_ONLY_WOULD_TAKE: 12,
  /** Order ids must be safe integers (the caller maps UUIDs to them). */
  INVALID_ORDER_ID: 13,
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** Why open quantity left the book without trading (EXPIRED has its own event). */
export const CancelReason = {
  REQUESTED: 1,
  IOC_REMAINDER: 2,
  MARKET_REMAINDER: 3,
  FOK_NOT_FILLABLE: 4,
  SELF_TRADE: 5,
  MASS_CANCEL: 6,
  /** A modify set the total quantity at or below what had already filled. */
  REDUCED_TO_FILLED: 7,
} as const;
export type CancelReason = (typeof CancelReason)[keyof typeof CancelReason];

/** Aggressor of a trade: the incoming side, or NONE for trades of the opening uncross. */
export const Aggressor = { BUY: 0, SELL: 1, NONE: 2 } as const;
export type Aggressor = (typeof Aggressor)[keyof typeof Aggressor];

/**
 * Receives every state change, synchronously and in order. Methods take primitives only so the
 * engine allocates nothing per event; a sink that needs objects (EventRecorder) builds them itself.
 *
 * Per command the order is: ACCEPTED (or REJECTED), then for each fill TRADE followed by the
 * maker's FILLED / PARTIALLY_FILLED, a LEVEL after each price level the command touched, one
 * FILLED / PARTIALLY_FILLED for the incoming order when its matching pass ends, then its
 * CANCELLED (unfilled IOC, FOK or market remainder) or the LEVEL where it rests.
 * Stops triggered by the command's trades follow, each as TRIGGERED then its own sequence.
 */
export interface EngineEventSink {
  accepted(orderId: number): void;
  rejected(orderId: number, reason: RejectReason): void;
  trade(makerId: number, takerId: number, price: number, qty: number, aggressor: Aggressor): void;
  partiallyFilled(orderId: number, filledQty: number, leavesQty: number): void;
  filled(orderId: number, filledQty: number): void;
  /** `qty` is the new total (filled included); `leavesQty` what is still open. */
  replaced(orderId: number, price: number, qty: number, leavesQty: number): void;
  cancelled(orderId: number, cancelledQty: number, reason: CancelReason): void;
  expired(orderId: number, expiredQty: number): void;
  triggered(orderId: number): void;
  /** New displayed aggregate at a price; 0 means the level is gone. */
  level(side: Side, price: number, qty: number): void;
  sessionChanged(session: Session, halted: boolean): void;
}
