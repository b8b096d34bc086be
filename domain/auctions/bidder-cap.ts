import { bidTimeKey, compareIds } from './bid-order';
import type { BidBook } from './bid-book';
import type { Bid, Id } from './types';

/**
 * Caps each participant's total over `rows`: what it bids beyond `cap` is removed from its
 * worst-ranked bids first (`rank`: higher is better; among equals, the later bid loses first),
 * lowering `book.eligible` in place. Only participants over the cap are sorted, so the usual case
 * is one pass to add up totals.
 */
export function applyBidderCap(
  book: BidBook,
  rows: readonly number[],
  cap: number,
  rank: (row: number) => number,
): void {
  const { participants, eligible, bids } = book;
  const totals = new Map<Id, number>();
  for (const i of rows)
    totals.set(participants[i] as Id, (totals.get(participants[i] as Id) ?? 0) + (eligible[i] as number));
  const over = new Map<Id, number[]>();
  for (const [participant, total] of totals) if (total > cap) over.set(participant, []);
  if (over.size === 0) return;
  for (const i of rows) over.get(participants[i] as Id)?.push(i);
  const bidOf = (i: number): Bid => bids[i] as Bid;
  for (const [participant, own] of over) {
    let excess = (totals.get(participant) as number) - cap;
    own.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        bidTimeKey(bidOf(b)) - bidTimeKey(bidOf(a)) ||
        compareIds(bidOf(b).id, bidOf(a).id),
    );
    for (const i of own) {
      if (excess === 0) break;
      const cut = Math.min(excess, eligible[i] as number);
      eligible[i] = (eligible[i] as number) - cut;
      excess -= cut;
    }
  }
}
