import { compareRows, type BidBook } from './bid-book';
import type { Id } from './types';

/**
 * Caps each participant's total over `rows`: what it bids beyond `cap` is removed from its
 * worst-ranked bids first (`rank`: higher is better; among equals, the later bid loses first),
 * lowering `book.eligible` in place. Each participant gets a dense slot on first sight, so the
 * passes over 100,000 bids index arrays instead of hashing ids; only participants over the cap are sorted.
 */
export function applyBidderCap(
  book: BidBook,
  rows: readonly number[],
  cap: number,
  rank: (row: number) => number,
): void {
  const { participants, eligible } = book;
  const slots = new Map<Id, number>();
  const slotOfRow = new Int32Array(rows.length);
  const totals: number[] = [];
  rows.forEach((i, k) => {
    let slot = slots.get(participants[i] as Id);
    if (slot === undefined) {
      slot = totals.push(0) - 1;
      slots.set(participants[i] as Id, slot);
    }
    slotOfRow[k] = slot;
    totals[slot] = (totals[slot] as number) + (eligible[i] as number);
  });
  const own: (number[] | undefined)[] = totals.map((total) => (total > cap ? [] : undefined));
  if (own.every((list) => list === undefined)) return;
  rows.forEach((i, k) => own[slotOfRow[k] as number]?.push(i));
  own.forEach((list, slot) => {
    if (list === undefined) return;
    let excess = (totals[slot] as number) - cap;
    list.sort((a, b) => rank(a) - rank(b) || compareRows(book, b, a));
    for (const i of list) {
      if (excess === 0) break;
      const cut = Math.min(excess, eligible[i] as number);
      eligible[i] = (eligible[i] as number) - cut;
      excess -= cut;
    }
  });
}
