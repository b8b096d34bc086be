import { bidTimeKey, compareIds } from './bid-order';
import { mulDivRemInto } from './fixed-point';
import type { Bid } from './types';

/** A bid and the amount it may still be allotted (its amount after the bidder cap), a lot multiple. */
export interface Claim {
  bid: Bid;
  amount: number;
}

/** Orders claims by index: negative when claim i goes before claim j. */
export type ClaimOrder = (i: number, j: number) => number;

/** Earlier bid first, then the smaller id; each claim's time is parsed once. */
function tieBreakOrder(claims: readonly Claim[]): ClaimOrder {
  const times = new Float64Array(claims.length).fill(Number.NaN);
  const timeOf = (i: number): number => {
    let key = times[i] as number;
    if (Number.isNaN(key)) key = times[i] = bidTimeKey((claims[i] as Claim).bid);
    return key;
  };
  return (i, j) =>
    timeOf(i) - timeOf(j) || compareIds((claims[i] as Claim).bid.id, (claims[j] as Claim).bid.id);
}

function inLots(amount: number, lot: number): number {
  if (amount % lot !== 0) throw new RangeError(`${amount} is not a multiple of the lot ${lot}`);
  return amount / lot;
}

/**
 * Pro-rata over claims given by index (`amounts[k]`, `tieBreak` between two indices): the work of
 * allocateProRata without an object per claim, for a clearing that shares among 100,000 bids.
 */
export function shareProRata(
  amounts: Float64Array,
  available: number,
  lot: number,
  tieBreak: ClaimOrder,
): Float64Array {
  const n = amounts.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += amounts[k] as number;
  if (available >= total) return amounts.slice();
  // In lots, share_k = pool * lots_k / totalLots exactly; its floor and remainder are integers, and
  // remainders over one denominator compare directly.
  const pool = inLots(available, lot);
  const totalLots = inLots(total, lot);
  const shares = new Float64Array(n);
  const remainders = new Float64Array(n);
  let givenLots = 0;
  for (let k = 0; k < n; k++) {
    const lots = mulDivRemInto(pool, inLots(amounts[k] as number, lot), totalLots, remainders, k);
    shares[k] = lots * lot;
    givenLots += lots;
  }
  let leftoverLots = pool - givenLots;
  if (leftoverLots === 0) return shares;
  // The leftover lots go to the largest remainders. The leftover-th largest remainder, found by a
  // native numeric sort, splits the claims: above it a lot each, at it the tie-break decides, so the
  // comparator only runs over the ties. Fractions under 1 summing to the leftover make it positive.
  const threshold = remainders.slice().sort()[n - leftoverLots] as number;
  const tied: number[] = [];
  for (let k = 0; k < n; k++) {
    const remainder = remainders[k] as number;
    if (remainder > threshold) {
      shares[k] = (shares[k] as number) + lot;
      leftoverLots -= 1;
    } else if (remainder === threshold) tied.push(k);
  }
  tied.sort(tieBreak);
  for (let t = 0; t < leftoverLots; t++) {
    const k = tied[t] as number;
    shares[k] = (shares[k] as number) + lot;
  }
  return shares;
}

/** Fills `available` in `order` (earliest bid first, then smaller id): the English auction's marginal rule. */
export function shareByTimePriority(
  amounts: Float64Array,
  available: number,
  order: ClaimOrder,
): Float64Array {
  const ranked = Array.from(amounts, (_, k) => k).sort(order);
  const shares = new Float64Array(amounts.length);
  let left = available;
  for (const k of ranked) {
    const take = Math.min(left, amounts[k] as number);
    shares[k] = take;
    left -= take;
  }
  return shares;
}

/**
 * Shares `available` (a lot multiple) among claims in proportion to their amounts. Each share is
 * floored to a lot multiple; the lots left over go one each to the largest remainders, ties to the
 * earlier bid, then the smaller id. Returns the allotment per claim, in claim order; the allotments
 * add up to min(available, total claimed).
 */
export function allocateProRata(claims: readonly Claim[], available: number, lot: number): number[] {
  const amounts = Float64Array.from(claims, (c) => c.amount);
  return Array.from(shareProRata(amounts, available, lot, tieBreakOrder(claims)));
}
