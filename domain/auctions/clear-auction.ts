import { shareByTimePriority, shareProRata } from './allocation';
import { resolveRules, resolveTarget, type AuctionRules, type MarginalRule } from './auction-rules';
import { compareRows, readBidBook, Rejection, rejectionReason, type BidBook } from './bid-book';
import { applyBidderCap } from './bidder-cap';
import { divHalfUp, formatFixed4, formatHundredths, mulDivHalfUp } from './fixed-point';
import { priceAuction, type AuctionPricing } from './pricing';
import { accruedPaise, considerationPaise, resolveAccrued, type AccruedPer100 } from './settlement-amounts';
import type {
  AuctionSpec,
  Bid,
  BidAllotment,
  BidOutcome,
  ClearingContext,
  ClearingResult,
  Id,
} from './types';

/** The competitive bids at one price (or yield), as rows of the book. */
interface Level {
  value: number;
  rows: number[];
  demand: number;
  allotted: number;
}

/** A participant's earliest non-competitive bid stands; later ones are rejected. */
function rejectDuplicateNonCompetitive(book: BidBook): void {
  const byParticipant = new Map<Id, number[]>();
  const { nonCompetitive, participants } = book;
  for (let i = 0; i < nonCompetitive.length; i++) {
    if (nonCompetitive[i] === 0) continue;
    const list = byParticipant.get(participants[i] as Id);
    if (list) list.push(i);
    else byParticipant.set(participants[i] as Id, [i]);
  }
  for (const list of byParticipant.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => compareRows(book, a, b));
    for (const i of list.slice(1)) book.rejection[i] = Rejection.DUPLICATE_NON_COMPETITIVE;
  }
}

/** Shares `available` among `rows` by the marginal rule, on what each may still be allotted. */
function allotShares(
  book: BidBook,
  rows: readonly number[],
  available: number,
  rule: MarginalRule,
  lot: number,
): void {
  const amounts = Float64Array.from(rows, (row) => book.eligible[row] as number);
  const order = (i: number, j: number) => compareRows(book, rows[i] as number, rows[j] as number);
  const shares =
    rule === 'PRO_RATA'
      ? shareProRata(amounts, available, lot, order)
      : shareByTimePriority(amounts, available, order);
  rows.forEach((row, k) => (book.allotted[row] = shares[k] as number));
}

/** Best level first until `available` is used; the level that exhausts it is the cut-off. */
function clearCompetitive(
  rules: AuctionRules,
  book: BidBook,
  rows: readonly number[],
  available: number,
): Level[] {
  const levels = new Map<number, Level>();
  for (const i of rows) {
    const eligible = book.eligible[i] as number;
    if (book.nonCompetitive[i] === 1 || eligible === 0) continue;
    const value = book.value[i] as number;
    const level = levels.get(value);
    if (level) {
      level.rows.push(i);
      level.demand += eligible;
    } else {
      levels.set(value, { value, rows: [i], demand: eligible, allotted: 0 });
    }
  }
  const bestFirst =
    rules.basis === 'PRICE' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b;
  const accepted: Level[] = [];
  let remaining = available;
  for (const value of [...levels.keys()].sort(bestFirst)) {
    if (remaining === 0) break;
    const level = levels.get(value) as Level;
    if (level.demand <= remaining) {
      for (const i of level.rows) book.allotted[i] = book.eligible[i] as number;
      level.allotted = level.demand;
    } else {
      allotShares(book, level.rows, remaining, rules.marginalRule, rules.lot);
      level.allotted = remaining;
    }
    remaining -= level.allotted;
    accepted.push(level);
  }
  return accepted;
}

interface Averages {
  price: number;
  yield: number | null;
}

/** Allotment-weighted average of the prices (and yields) the competitive winners pay, half-up. */
function weightedAverages(accepted: readonly Level[], pricing: AuctionPricing, allotted: number): Averages {
  let priceSum = 0n;
  let yieldSum = 0n;
  let hasYield = true;
  for (const level of accepted) {
    priceSum += BigInt(level.allotted) * BigInt(pricing.pricePaidAt(level.value));
    const y = pricing.yieldPaidAt(level.value);
    if (y === null) hasYield = false;
    else yieldSum += BigInt(level.allotted) * BigInt(y);
  }
  const total = BigInt(allotted);
  const price = divHalfUp(priceSum, total);
  return { price, yield: hasYield ? divHalfUp(yieldSum, total) : pricing.yieldAtPrice(price) };
}

/** Sets the price each allotted bid pays: competitive by the pricing rule, non-competitive the average. */
function applyPrices(
  rules: AuctionRules,
  context: ClearingContext,
  book: BidBook,
  accepted: readonly Level[],
  nonCompetitive: readonly number[],
  competitiveAllotted: number,
): { pricing: AuctionPricing; averages: Averages } {
  const cutoff = accepted[accepted.length - 1] as Level;
  const pricing = priceAuction(rules, context, cutoff.value);
  for (const level of accepted) {
    const price = pricing.pricePaidAt(level.value);
    for (const i of level.rows) if ((book.allotted[i] as number) > 0) book.pricePaid[i] = price;
  }
  const averages = weightedAverages(accepted, pricing, competitiveAllotted);
  for (const i of nonCompetitive) if ((book.allotted[i] as number) > 0) book.pricePaid[i] = averages.price;
  return { pricing, averages };
}

const ZERO_MONEY = formatHundredths(0);

function outcomeOf(rejected: boolean, allotted: number, amount: number): BidOutcome {
  if (rejected) return 'REJECTED';
  if (allotted === 0) return 'NONE';
  return allotted === amount ? 'FULL' : 'PARTIAL';
}

/** Computes each distinct input once: a clearing has few price levels and allotted amounts, and many bids. */
function memoized<T>(compute: (key: number) => T): (key: number) => T {
  const cache = new Map<number, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}

function allotments(book: BidBook, accrued: AccruedPer100 | null): BidAllotment[] {
  const priceText = memoized(formatFixed4);
  // Accrued interest is exact BigInt arithmetic; it depends on the allotted face alone.
  const interestOf = memoized((face) => accruedPaise(face, accrued));
  // From the book's columns alone: the caller's bid objects are not touched again.
  const rows = new Array<BidAllotment>(book.ids.length);
  for (let i = 0; i < rows.length; i++) {
    const allotted = book.allotted[i] as number;
    const amount = book.amount[i] as number;
    const price = book.pricePaid[i] as number;
    const rejection = book.rejection[i] as number;
    let pricePaid: string | null = null;
    let consideration = ZERO_MONEY;
    let accruedInterest = ZERO_MONEY;
    let settlementAmount = ZERO_MONEY;
    if (!Number.isNaN(price)) {
      const clean = considerationPaise(allotted, price);
      const interest = interestOf(allotted);
      pricePaid = priceText(price);
      consideration = formatHundredths(clean);
      if (interest > 0) {
        accruedInterest = formatHundredths(interest);
        settlementAmount = formatHundredths(clean + interest);
      } else {
        settlementAmount = consideration;
      }
    }
    rows[i] = {
      bidId: book.ids[i] as Id,
      participantId: book.participants[i] as Id,
      nonCompetitive: book.nonCompetitive[i] === 1,
      outcome: outcomeOf(rejection !== Rejection.NONE, allotted, amount),
      rejectionReason: rejectionReason(rejection),
      bidAmount: amount,
      cappedAmount: amount - (book.eligible[i] as number),
      allottedAmount: allotted,
      pricePaid,
      consideration,
      accruedInterest,
      settlementAmount,
    };
  }
  return rows;
}

/**
 * Clears a sealed auction (DUTCH, SEALED_BID), a MULTI_ROUND round, a HYBRID final round or an
 * ENGLISH auction's final standing bids. Pure: bids and the issuer's accepted amount in, allotments out.
 */
export function clearAuction(
  spec: AuctionSpec,
  bids: readonly Bid[],
  context: ClearingContext = {},
): ClearingResult {
  const rules = resolveRules(spec);
  const target = resolveTarget(rules, context.acceptedAmount);
  const accrued = resolveAccrued(rules.newIssue, context.accruedPer100);
  const book = readBidBook(rules, bids);
  rejectDuplicateNonCompetitive(book);
  const live: number[] = [];
  for (let i = 0; i < book.rejection.length; i++) if (book.rejection[i] === Rejection.NONE) live.push(i);
  if (rules.bidderCap !== null) {
    // Non-competitive bids are filled first, so the cap trims them last.
    const sign = rules.basis === 'PRICE' ? 1 : -1;
    const rank = (i: number): number =>
      book.nonCompetitive[i] === 1 ? Number.MAX_SAFE_INTEGER : sign * (book.value[i] as number);
    applyBidderCap(book, live, rules.bidderCap, rank);
  }

  // Non-competitive bids take their reserved share first; what they leave goes to the competitive side.
  const nonCompetitive = live.filter((i) => book.nonCompetitive[i] === 1);
  const reserved = Math.min(rules.nonCompetitiveCap, target);
  allotShares(book, nonCompetitive, reserved, 'PRO_RATA', rules.lot);
  let nonCompetitiveAllotted = nonCompetitive.reduce((sum, i) => sum + (book.allotted[i] as number), 0);
  const available = target - nonCompetitiveAllotted;
  const accepted = clearCompetitive(rules, book, live, available);
  const competitiveAllotted = accepted.reduce((sum, level) => sum + level.allotted, 0);
  const cutoff = accepted[accepted.length - 1];

  const priced =
    cutoff === undefined
      ? null
      : applyPrices(rules, context, book, accepted, nonCompetitive, competitiveAllotted);
  if (priced === null) {
    // Nothing competitive was accepted, so there is no average price to charge.
    for (const i of nonCompetitive) {
      book.rejection[i] = Rejection.NO_COMPETITIVE_ALLOTMENT;
      book.allotted[i] = 0;
    }
    nonCompetitiveAllotted = 0;
  }
  const pricing = priced?.pricing;
  const averages = priced?.averages;
  const coupon = pricing?.coupon ?? rules.couponUnits;
  const decimalOrNull = (units: number | null | undefined): string | null =>
    units == null ? null : formatFixed4(units);
  const totalBidAmount = book.totalAmount;
  return {
    format: rules.format,
    pricingRule: rules.pricingRule,
    notifiedAmount: rules.notified,
    targetAmount: target,
    totalBidAmount,
    totalAllotted: competitiveAllotted + nonCompetitiveAllotted,
    competitiveAllotted,
    nonCompetitiveAllotted,
    fullySubscribed: competitiveAllotted === available,
    cutoffPrice: decimalOrNull(pricing?.cutoffPrice),
    cutoffYield: decimalOrNull(pricing?.cutoffYield),
    couponPct: decimalOrNull(coupon),
    partialAllotmentPct:
      cutoff === undefined ? null : formatHundredths(mulDivHalfUp(cutoff.allotted, 10_000, cutoff.demand)),
    cutoffBidCount: cutoff?.rows.length ?? 0,
    weightedAveragePrice: decimalOrNull(averages?.price),
    weightedAverageYield: decimalOrNull(averages?.yield),
    bidToCover: formatHundredths(mulDivHalfUp(totalBidAmount, 100, rules.notified)),
    allotments: allotments(book, accrued),
  };
}
