import type { EntityManager } from '@mikro-orm/postgresql';
import {
  allotteeTotals,
  clearAuction,
  clearHybridFinal,
  hybridFinalRound,
  type AllotteeTotal,
  type Bid,
  type ClearingResult,
  type Id,
} from '../../domain/auctions';
import { Auction, AuctionSettlement } from '../../db/entities';
import { lockAuction } from '../../db/auctions/lock-auction';
import { auctionSpecOf, hybridClockOf } from '../../db/auctions/auction-spec';
import { readClearingBids, writeAllotments } from '../../db/auctions/clearing-bids';
import { adjustHousePositions } from '../../db/portfolios/house-position';
import type { ClearingOutcome } from '../../workflows/auctions/auction-activities';
import type { AuctionActivityDeps } from './activity-deps';
import { bondPricing } from './bond-pricing';
import { settlementDateOf, stateChanged } from './lifecycle-activities';

/** The public part of a clearing: what every participant may see. */
export function clearingSummary(result: ClearingResult) {
  return {
    format: result.format,
    pricing_rule: result.pricingRule,
    notified_amount: result.notifiedAmount,
    accepted_amount: result.targetAmount,
    total_bid_amount: result.totalBidAmount,
    total_allotted: result.totalAllotted,
    competitive_allotted: result.competitiveAllotted,
    non_competitive_allotted: result.nonCompetitiveAllotted,
    fully_subscribed: result.fullySubscribed,
    cutoff_price: result.cutoffPrice,
    cutoff_yield: result.cutoffYield,
    coupon_pct: result.couponPct,
    partial_allotment_pct: result.partialAllotmentPct,
    cutoff_bid_count: result.cutoffBidCount,
    weighted_average_price: result.weightedAveragePrice,
    weighted_average_yield: result.weightedAverageYield,
    bid_to_cover: result.bidToCover,
    bid_count: result.allotments.length,
  };
}

/** Each participant's latest bid, as the clock reads demand (clockDemand): in bid time order. */
function latestPerParticipant(bids: readonly Bid[]): Bid[] {
  const latest = new Map<Id, Bid>();
  for (const bid of bids) {
    const held = latest.get(bid.participantId);
    if (!held || Number(bid.time) >= Number(held.time)) latest.set(bid.participantId, bid);
  }
  return [...latest.values()].sort((a, b) => Number(a.time) - Number(b.time));
}

interface Cleared {
  outcome: ClearingOutcome;
  /** What the notices tell each allottee. */
  allottees: Pick<AllotteeTotal, 'participantId' | 'faceAmount' | 'cashAmount'>[];
}

async function clearLocked(
  em: EntityManager,
  auctionId: number,
  acceptedAmount: number | null,
): Promise<Cleared> {
  const auction = (await lockAuction(em, { id: auctionId }, 'update'))!;
  const failed = (reason: string): Cleared => {
    auction.state = 'FAILED';
    auction.failureReason = reason;
    return {
      outcome: { state: 'FAILED', settlementDate: null, allotteeIds: [], failureReason: reason },
      allottees: [],
    };
  };
  if (auction.state !== 'CLOSED') {
    // A retry after the clearing committed: answer what was stored, allottees included, so the
    // notifications a killed attempt never sent go out now (at least once; the chaos drill kills
    // the worker between the commit and them).
    const settlements = await em.find(AuctionSettlement, { auction }, { orderBy: { participant: 'asc' } });
    return {
      outcome: {
        state: auction.state === 'FAILED' ? 'FAILED' : 'CLEARED',
        settlementDate: auction.settlementDate ?? null,
        allotteeIds: settlements.map((s) => s.participant.id),
        failureReason: auction.failureReason ?? null,
      },
      allottees: settlements.map((s) => ({
        participantId: s.participant.id,
        faceAmount: s.faceAmount,
        cashAmount: s.cashAmount,
      })),
    };
  }
  const clock = hybridClockOf(auction);
  if (auction.auctionType === 'HYBRID' && clock?.phase !== 'SEALED')
    return failed('closed before the sealed round of the clock');
  const found = await readClearingBids(em, auction.id, clock ? hybridFinalRound(clock) : null);
  // A clock round closed by an administrator stands as each finalist's latest confirmation.
  const bids = clock?.closedInRound === undefined ? found : latestPerParticipant(found);
  if (bids.length === 0) return failed('no bids');
  const settlementDate = await settlementDateOf(em, auction, Date.now());
  const spec = auctionSpecOf(auction);
  const context = {
    acceptedAmount: acceptedAmount ?? undefined,
    ...bondPricing(auction.bond, settlementDate, auction.newIssue),
  };
  const result = clock ? clearHybridFinal(spec, clock, bids, context) : clearAuction(spec, bids, context);
  await writeAllotments(em, auction.id, result.allotments);
  if (result.totalAllotted === 0) return failed('nothing allotted');
  const allottees = allotteeTotals(result.allotments);
  await adjustHousePositions(
    em,
    auction.bond,
    allottees.map((a) => ({ participantId: a.participantId, delta: a.faceAmount, price: a.averagePrice })),
  );
  for (const a of allottees) {
    em.create(AuctionSettlement, {
      auction,
      participant: a.participantId,
      faceAmount: a.faceAmount,
      cashAmount: a.cashAmount,
    });
  }
  auction.state = 'CLEARED';
  auction.clearedAt = new Date();
  auction.acceptedAmount = result.targetAmount;
  auction.settlementDate = settlementDate;
  auction.result = clearingSummary(result);
  return {
    outcome: {
      state: 'CLEARED',
      settlementDate,
      allotteeIds: allottees.map((a) => a.participantId),
      failureReason: null,
    },
    allottees,
  };
}

export function createClearingActivities(deps: AuctionActivityDeps) {
  return {
    /**
     * Clears a CLOSED auction from its bids in PostgreSQL: allotments, bid outcomes, one settlement
     * obligation per allottee and the allottees' HOUSE positions, in one transaction.
     */
    async clearAuction(auctionId: number, acceptedAmount: number | null): Promise<ClearingOutcome> {
      const em = deps.orm.em.fork() as EntityManager;
      const started = process.hrtime.bigint();
      const { outcome, allottees } = await em.transactional((tx) =>
        clearLocked(tx, auctionId, acceptedAmount),
      );
      const auction = await em.findOneOrFail(Auction, auctionId);
      deps.metrics.clearingSeconds.observe(
        { format: auction.auctionType },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      await stateChanged(deps, auctionId, outcome.state);
      await deps.recomputeHouseRisk(
        allottees.map((a) => a.participantId),
        'ALLOTMENT',
      );
      for (const a of allottees) {
        await deps.updates.toParticipant(a.participantId, 'allocations', auctionId, {
          action: 'allocation',
          allotted_amount: a.faceAmount,
          settlement_amount: a.cashAmount,
          settlement_date: outcome.settlementDate,
        });
      }
      return outcome;
    },
  };
}
