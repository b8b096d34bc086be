import type { EntityManager } from '@mikro-orm/postgresql';
import Decimal from 'decimal.js';
import { clearAuction, clearHybridFinal, hybridFinalRound, type ClearingResult } from '../../domain/auctions';
import { Auction, AuctionAllotment, AuctionBid, AuctionSettlement, type BidStatus } from '../../db/entities';
import { lockAuction } from '../../db/auctions/lock-auction';
import { auctionSpecOf, domainBidOf, hybridClockOf } from '../../db/auctions/auction-spec';
import { adjustHousePosition } from '../../db/portfolios/house-position';
import type { ClearingOutcome } from '../../workflows/auctions/auction-activities';
import type { AuctionActivityDeps } from './activity-deps';
import { bondPricing } from './bond-pricing';
import { settlementDateOf, stateChanged } from './lifecycle-activities';

const BID_STATUS_BY_OUTCOME: Record<string, BidStatus> = {
  FULL: 'ALLOTTED',
  PARTIAL: 'PARTIALLY_ALLOTTED',
  NONE: 'NOT_ALLOTTED',
  REJECTED: 'REJECTED',
};

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
function latestPerParticipant(bids: AuctionBid[]): AuctionBid[] {
  const timeOf = (b: AuctionBid) => (b.modifiedAt ?? b.createdAt).getTime();
  const latest = new Map<number, AuctionBid>();
  for (const bid of bids) {
    const held = latest.get(bid.participant.id);
    if (!held || timeOf(bid) >= timeOf(held)) latest.set(bid.participant.id, bid);
  }
  return [...latest.values()].sort((a, b) => timeOf(a) - timeOf(b));
}

interface Cleared {
  outcome: ClearingOutcome;
  allottees: { participantId: number; faceAmount: number; cashAmount: string }[];
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
    // A retry after the clearing committed: answer what was stored.
    const settlements = await em.find(AuctionSettlement, { auction }, { orderBy: { participant: 'asc' } });
    return {
      outcome: {
        state: auction.state === 'FAILED' ? 'FAILED' : 'CLEARED',
        settlementDate: auction.settlementDate ?? null,
        allotteeIds: settlements.map((s) => s.participant.id),
        failureReason: auction.failureReason ?? null,
      },
      allottees: [],
    };
  }
  const clock = hybridClockOf(auction);
  if (auction.auctionType === 'HYBRID' && clock?.phase !== 'SEALED')
    return failed('closed before the sealed round of the clock');
  const found = await em.find(
    AuctionBid,
    { auction, status: 'ACTIVE', ...(clock ? { round: hybridFinalRound(clock) } : {}) },
    { orderBy: { createdAt: 'asc' } },
  );
  // A clock round closed by an administrator stands as each finalist's latest confirmation.
  const bids = clock?.closedInRound === undefined ? found : latestPerParticipant(found);
  if (bids.length === 0) return failed('no bids');
  const settlementDate = await settlementDateOf(em, auction, Date.now());
  const spec = auctionSpecOf(auction);
  const context = {
    acceptedAmount: acceptedAmount ?? undefined,
    ...bondPricing(auction.bond, settlementDate, auction.newIssue),
  };
  const domainBids = bids.map(domainBidOf);
  const result = clock
    ? clearHybridFinal(spec, clock, domainBids, context)
    : clearAuction(spec, domainBids, context);
  const byParticipant = new Map<number, { faceAmount: number; cash: Decimal; cost: Decimal }>();
  result.allotments.forEach((line, i) => {
    const bid = bids[i]!;
    bid.status = BID_STATUS_BY_OUTCOME[line.outcome]!;
    em.create(AuctionAllotment, {
      auction,
      bid,
      participant: bid.participant,
      outcome: line.outcome,
      rejectionReason: line.rejectionReason,
      bidAmount: line.bidAmount,
      cappedAmount: line.cappedAmount,
      allottedAmount: line.allottedAmount,
      pricePaid: line.pricePaid,
      consideration: line.consideration,
      accruedInterest: line.accruedInterest,
      settlementAmount: line.settlementAmount,
    });
    if (line.allottedAmount === 0) return;
    const sum = byParticipant.get(bid.participant.id) ?? {
      faceAmount: 0,
      cash: new Decimal(0),
      cost: new Decimal(0),
    };
    sum.faceAmount += line.allottedAmount;
    sum.cash = sum.cash.plus(line.settlementAmount);
    sum.cost = sum.cost.plus(new Decimal(line.allottedAmount).times(line.pricePaid ?? 0));
    byParticipant.set(bid.participant.id, sum);
  });
  if (result.totalAllotted === 0) {
    await em.flush();
    return failed('nothing allotted');
  }
  // In participant order, so clearings of one bond side by side lock HOUSE positions in one order.
  const sorted = [...byParticipant.entries()].sort(([a], [b]) => a - b);
  for (const [participantId, sum] of sorted) {
    const averagePrice = sum.cost.dividedBy(sum.faceAmount).toFixed(4, Decimal.ROUND_HALF_UP);
    await adjustHousePosition(em, participantId, auction.bond, sum.faceAmount, averagePrice);
  }
  const allottees = sorted.map(([participantId, sum]) => ({
    participantId,
    faceAmount: sum.faceAmount,
    cashAmount: sum.cash.toFixed(2),
  }));
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
