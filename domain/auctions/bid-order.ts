import { InvalidBidError } from './errors';
import type { Bid, Id } from './types';

/** Milliseconds for an ISO time, the number itself for a sequence number. */
export function bidTimeKey(bid: Bid): number {
  const key = typeof bid.time === 'number' ? bid.time : Date.parse(bid.time);
  if (!Number.isFinite(key)) {
    throw new InvalidBidError(bid.id, [
      { field: 'time', code: 'INVALID_TIME', message: 'time is not an ISO timestamp or number' },
    ]);
  }
  return key;
}

export function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
