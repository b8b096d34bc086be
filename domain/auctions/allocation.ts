import { bidTimeKey, compareIds } from './bid-order';
import { mulDivRem } from './fixed-point';
import type { Bid } from './types';

/** A bid and the amount it may still be allotted (its amount after the bidder cap), a lot multiple. */
export interface Claim {
  bid: Bid;
  amount: number;
}

/** Earlier bid first, then the smaller id; each claim's time is parsed once. */
function tieBreakOrder(claims: readonly Claim[]): (i: number, j: number) => number {
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
 * Shares `available` (a lot multiple) among claims in proportion to their amounts. Each share is
 * floored to a lot multiple; the lots left over go one each to the largest remainders, ties to the
 * earlier bid, then the smaller id. Returns the allotment per claim, in claim order; the allotments
 * add up to min(available, total claimed).
 */
export function allocateProRata(claims: readonly Claim[], available: number, lot: number): number[] {
  const total = claims.reduce((sum, c) => sum + c.amount, 0);
  if (available >= total) return claims.map((c) => c.amount);
  // In lots, share_i = pool * lots_i / totalLots exactly; its floor and remainder are integers, and
  // remainders over one denominator compare directly.
  const pool = inLots(available, lot);
  const totalLots = inLots(total, lot);
  const allotted: number[] = new Array<number>(claims.length);
  const remainders = new Float64Array(claims.length);
  let givenLots = 0;
  claims.forEach((claim, i) => {
    const [lots, remainder] = mulDivRem(pool, inLots(claim.amount, lot), totalLots);
    allotted[i] = lots * lot;
    remainders[i] = remainder;
    givenLots += lots;
  });
  const leftoverLots = pool - givenLots;
  if (leftoverLots > 0) {
    const candidates: number[] = [];
    remainders.forEach((r, i) => r > 0 && candidates.push(i));
    const tieBreak = tieBreakOrder(claims);
    candidates.sort((i, j) => (remainders[j] as number) - (remainders[i] as number) || tieBreak(i, j));
    for (const i of candidates.slice(0, leftoverLots)) allotted[i] = (allotted[i] as number) + lot;
  }
  return allotted;
}

/** Fills `available` earliest bid first (then smaller id): the English auction's marginal rule. */
export function allocateByTimePriority(claims: readonly Claim[], available: number): number[] {
  const order = claims.map((_, i) => i);
  order.sort(tieBreakOrder(claims));
  const allotted: number[] = new Array<number>(claims.length).fill(0);
  let left = available;
  for (const i of order) {
    const take = Math.min(left, (claims[i] as Claim).amount);
    allotted[i] = take;
    left -= take;
  }
  return allotted;
}
