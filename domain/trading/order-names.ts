import { CancelReason, RejectReason } from './engine-events';

/**
 * The UPPER_SNAKE_CASE names the API, the journal and the database use for the engine's numeric
 * enumerations. Each list is indexed by the numeric value (Side.BUY = 0 -> 'BUY').
 */
export const SIDE_NAMES = ['BUY', 'SELL'] as const;
export type SideName = (typeof SIDE_NAMES)[number];

export const ORDER_TYPE_NAMES = ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LIMIT', 'ICEBERG'] as const;
export type OrderTypeName = (typeof ORDER_TYPE_NAMES)[number];

export const TIME_IN_FORCE_NAMES = ['DAY', 'GTC', 'GTD', 'IOC', 'FOK'] as const;
export type TimeInForceName = (typeof TIME_IN_FORCE_NAMES)[number];

export const STP_MODE_NAMES = ['CANCEL_INCOMING', 'CANCEL_RESTING', 'CANCEL_BOTH'] as const;
export type StpModeName = (typeof STP_MODE_NAMES)[number];

export const SESSION_NAMES = ['PRE_OPEN', 'CONTINUOUS', 'CLOSED'] as const;
export type SessionName = (typeof SESSION_NAMES)[number];

/** PENDING_NEW: committed by the API, not yet seen by the matching worker. */
export const ORDER_STATUSES = [
  'PENDING_NEW',
  'NEW',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'EXPIRED',
  'REJECTED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which an order can still trade, be modified or be cancelled. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED'];

/**
 * Whether an open order of this type rests on the book at its limit price: a limit or iceberg
 * always, a stop-limit once its stop has triggered (before that it waits off the book); market
 * and stop-loss orders never rest.
 */
export function restsOnBook(orderType: OrderTypeName, triggered: boolean): boolean {
  return orderType === 'LIMIT' || orderType === 'ICEBERG' || (orderType === 'STOP_LIMIT' && triggered);
}

const invert = <T extends Record<string, number>>(o: T): Record<number, keyof T & string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));

const REJECT_NAMES = invert(RejectReason);
const CANCEL_NAMES = invert(CancelReason);

export const rejectReasonName = (r: RejectReason): string => REJECT_NAMES[r] ?? 'UNKNOWN';
export const cancelReasonName = (r: CancelReason): string => CANCEL_NAMES[r] ?? 'UNKNOWN';

/** The numeric value of a name in one of the lists above. */
export function codeOf<T extends string>(names: readonly T[], name: T): number {
  return names.indexOf(name);
}
