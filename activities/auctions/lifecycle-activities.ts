import type { EntityManager } from '@mikro-orm/postgresql';
import { clearAuction, multiRoundEndReason, type Demand, type HybridClockState } from '../../domain/auctions';
import { istDate } from '../../domain/auctions/settlement-date';
import { settlementSystemOf } from '../../domain/calendar/settlement-systems';
import { loadBusinessCalendar } from '../../db/calendar/holiday-store';
import { Auction } from '../../db/entities';
import { lockAuction } from '../../db/auctions/lock-auction';
import { auctionSpecOf } from '../../db/auctions/auction-spec';
import { readClearingBids } from '../../db/auctions/clearing-bids';
import type { AuctionLifecycleState } from '../../workflows/auctions/auction-messages';
import type { BiddingCheck } from '../../workflows/auctions/auction-activities';
import type { AuctionActivityDeps } from './activity-deps';
import { bondPricing } from './bond-pricing';

/**
 * The settlement date an auction clearing now would settle on: as given, else T+1 business day
 * (IST trade date) of the bond's settlement system, holidays included.
 */
export async function settlementDateOf(em: EntityManager, auction: Auction, nowMs: number): Promise<string> {
  if (auction.settlementDate) return auction.settlementDate;
  const calendar = await loadBusinessCalendar(em, settlementSystemOf(auction.bond.bondType));
  return calendar.settlementDate(istDate(nowMs), 1);
}

async function stateChanged(deps: AuctionActivityDeps, auctionId: number, state: AuctionLifecycleState) {
  deps.metrics.transitions.inc({ state });
  deps.log.info({ auction_id: auctionId, state }, 'auction state changed');
  await deps.updates.toAll(auctionId, { action: 'state_changed', state });
}

function endOf(rows: { effective_end_time: Date | string }[]): string {
  return new Date(rows[0]!.effective_end_time).toISOString();
}

/** Activities that move an auction through bidding: each is a conditional update, safe to retry. */
export function createLifecycleActivities(deps: AuctionActivityDeps) {
  const fork = (): EntityManager => deps.orm.em.fork() as EntityManager;

  return {
    async openBidding(auctionId: number, effectiveEndTime: string): Promise<void> {
      await fork().execute(
        `update auctions set state = 'BIDDING', current_round = 1, effective_end_time = ?, updated_at = now(), version = version + 1
         where id = ? and state = 'SCHEDULED'`,
        [effectiveEndTime, auctionId],
      );
      await stateChanged(deps, auctionId, 'BIDDING');
    },

    async closeBidding(auctionId: number, force: boolean): Promise<BiddingCheck> {
      const em = fork();
      // The update takes the row lock that every bid insert takes too: a bid either committed
      // before this or sees CLOSED. Without `force` it closes only once the (soft) end has passed.
      const closed = await em.execute<{ effective_end_time: Date }[]>(
        `update auctions set state = 'CLOSED', closed_at = clock_timestamp(),
           effective_end_time = least(effective_end_time, clock_timestamp()), updated_at = now(), version = version + 1
         where id = ? and state = 'BIDDING' and (? or effective_end_time <= clock_timestamp())
         returning effective_end_time`,
        [auctionId, force],
      );
      if (closed.length > 0) {
        await stateChanged(deps, auctionId, 'CLOSED');
        return { closed: true, effectiveEndTime: endOf(closed) };
      }
      const row = await em.execute<{ state: string; effective_end_time: Date }[]>(
        'select state, effective_end_time from auctions where id = ?',
        [auctionId],
      );
      return { closed: row[0]!.state !== 'BIDDING', effectiveEndTime: endOf(row) };
    },

    async endRound(
      auctionId: number,
      round: number,
      force: boolean,
      nextRoundEnd: string,
    ): Promise<BiddingCheck> {
      const em = fork();
      const published: Record<string, unknown>[] = [];
      const check = await em.transactional(async (tx) => {
        const auction = (await lockAuction(tx, { id: auctionId }, 'update'))!;
        const end = auction.effectiveEndTime.toISOString();
        if (auction.state !== 'BIDDING') return { closed: true, effectiveEndTime: end };
        // A retry after this round was already ended finds the next round running.
        if (auction.currentRound !== round) return { closed: false, effectiveEndTime: end };
        const bids = await readClearingBids(tx, auction.id, null);
        const now = Date.now();
        const provisional = clearAuction(auctionSpecOf(auction), bids, {
          ...bondPricing(auction.bond, await settlementDateOf(tx, auction, now), auction.newIssue),
        });
        const cutoff = auction.bidBasis === 'PRICE' ? provisional.cutoffPrice : provisional.cutoffYield;
        const previous = auction.roundResults[auction.roundResults.length - 1];
        const reason = multiRoundEndReason({
          round,
          maxRounds: auction.maxRounds ?? 1,
          previousCutoff: (previous?.['cutoff'] as string | null | undefined) ?? null,
          currentCutoff: cutoff,
        });
        const result = {
          round,
          cutoff,
          cutoff_price: provisional.cutoffPrice,
          cutoff_yield: provisional.cutoffYield,
          total_bid_amount: provisional.totalBidAmount,
          bid_count: bids.length,
          final: force || reason !== null,
          end_reason: force ? 'CLOSED_BY_ADMIN' : reason,
        };
        auction.roundResults = [...auction.roundResults, result];
        published.push(result);
        if (force || reason !== null) {
          auction.state = 'CLOSED';
          auction.closedAt = new Date(now);
          auction.effectiveEndTime = new Date(now);
        } else {
          auction.currentRound = round + 1;
          auction.effectiveEndTime = new Date(nextRoundEnd);
        }
        await tx.flush();
        return {
          closed: auction.state === 'CLOSED',
          effectiveEndTime: auction.effectiveEndTime.toISOString(),
        };
      });
      for (const result of published) {
        await deps.updates.toAll(auctionId, { action: 'round_result', ...result });
      }
      if (check.closed && published.length > 0) await stateChanged(deps, auctionId, 'CLOSED');
      return check;
    },

    async clockDemand(auctionId: number, round: number): Promise<Demand[]> {
      const rows = await fork().execute<{ participant_id: number; amount: string }[]>(
        `select distinct on (participant_id) participant_id, amount from auction_bids
         where auction_id = ? and round = ? and status = 'ACTIVE'
         order by participant_id, coalesce(modified_at, created_at) desc`,
        [auctionId, round],
      );
      return rows.map((r) => ({ participantId: r.participant_id, amount: Number(r.amount) }));
    },

    async recordClock(auctionId: number, clock: HybridClockState, roundEnd: string): Promise<void> {
      await fork().execute(
        `update auctions set clock_state = ?, current_round = ?, effective_end_time = ?, updated_at = now(), version = version + 1
         where id = ? and state = 'BIDDING'`,
        [JSON.stringify(clock), clock.round, roundEnd, auctionId],
      );
      await deps.updates.toAll(auctionId, {
        action: 'clock_round',
        phase: clock.phase,
        round: clock.round,
        clock_value: clock.clockValue,
        floor: clock.floor,
        bidders: clock.active?.length ?? null,
        demand: clock.active?.reduce((sum, d) => sum + d.amount, 0) ?? null,
        round_end: roundEnd,
      });
    },

    async cancelAuction(auctionId: number, reason: string): Promise<void> {
      await fork().execute(
        `update auctions set state = 'CANCELLED', failure_reason = ?, updated_at = now(), version = version + 1
         where id = ? and state in ('SCHEDULED', 'BIDDING', 'CLOSED')`,
        [reason, auctionId],
      );
      await stateChanged(deps, auctionId, 'CANCELLED');
    },

    async markState(auctionId: number, state: AuctionLifecycleState): Promise<void> {
      await fork().execute(
        'update auctions set state = ?, updated_at = now(), version = version + 1 where id = ? and state <> ?',
        [state, auctionId, state],
      );
      await stateChanged(deps, auctionId, state);
    },
  };
}

export { stateChanged };
