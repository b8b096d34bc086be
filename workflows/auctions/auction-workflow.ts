import {
  ParentClosePolicy,
  condition,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  advanceHybridClock,
  closeHybridClock,
  startHybridClock,
  type HybridClockState,
} from '../../domain/auctions';
import { settlementStartMs } from '../../domain/auctions/settlement-date';
import type { AuctionActivities } from './auction-activities';
import {
  auctionFormatAttribute,
  auctionStateAttribute,
  bondIsinAttribute,
  cancelUpdate,
  closeUpdate,
  processUpdate,
  settleUpdate,
  startUpdate,
  statusQuery,
  type AuctionLifecycleState,
  type AuctionStatus,
  type AuctionWorkflowInput,
} from './auction-messages';
import { settlementWorkflow } from './settlement-workflow';

const acts = proxyActivities<AuctionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '500ms', maximumInterval: '10s', nonRetryableErrorTypes: ['InvalidAuction'] },
});

/** Bidding never waits less than this between checks, so a clock a hair behind the database cannot spin. */
const MIN_WAIT_MS = 50;

function msUntil(iso: string): number {
  return Math.max(MIN_WAIT_MS, Date.parse(iso) - Date.now());
}

function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/**
 * `auction-<auction_code>`: SCHEDULED -> BIDDING -> CLOSED -> CLEARED -> SETTLING -> SETTLED, or
 * CANCELLED / FAILED. Timers open and close bidding; updates (the caller waits for the new state)
 * start, close, cancel, process and settle at once. Bids never pass through here: the bid insert
 * and the close are serialised on the auction row in PostgreSQL.
 */
export async function auctionWorkflow(input: AuctionWorkflowInput): Promise<AuctionStatus> {
  let state: AuctionLifecycleState = 'SCHEDULED';
  let round = 0;
  let effectiveEndTime = input.biddingEndTime;
  let clock: HybridClockState | null = null;
  let settlementDate: string | null = null;
  let failureReason: string | null = null;
  let startRequested = false;
  let closeRequested = false;
  let cancelReason: string | null = null;
  let processRequest: { acceptedAmount: number | null } | null = input.manualProcessing
    ? null
    : { acceptedAmount: null };
  let settleRequested = false;

  const status = (): AuctionStatus => ({
    auctionId: input.auctionId,
    state,
    round,
    effectiveEndTime,
    clock,
    settlementDate,
    failureReason,
  });
  // Histories recorded before the search attributes existed replay without them.
  const searchable = patched('bondx-search-attributes');
  const enter = (next: AuctionLifecycleState) => {
    state = next;
    upsertMemo({ state, round, effectiveEndTime });
    if (searchable) upsertSearchAttributes([{ key: auctionStateAttribute, value: state }]);
  };
  const cancelled = () => cancelReason !== null;
  const leaves = (from: AuctionLifecycleState) => async () => {
    await condition(() => state !== from);
    return status();
  };
  const expect = (allowed: readonly AuctionLifecycleState[], action: string) => () => {
    if (!allowed.includes(state)) throw new Error(`cannot ${action} an auction that is ${state}`);
  };

  setHandler(statusQuery, status);
  setHandler(
    startUpdate,
    async () => {
      startRequested = true;
      return leaves('SCHEDULED')();
    },
    { validator: expect(['SCHEDULED'], 'start') },
  );
  setHandler(
    closeUpdate,
    async () => {
      closeRequested = true;
      return leaves('BIDDING')();
    },
    { validator: expect(['BIDDING'], 'close') },
  );
  setHandler(
    cancelUpdate,
    async (reason: string) => {
      cancelReason = reason;
      await condition(() => state === 'CANCELLED' || state === 'CLEARED' || state === 'FAILED');
      return status();
    },
    {
      validator: (_reason: string) => {
        // Once processing has begun the clearing is on its way; only an unprocessed close can be cancelled.
        if (state === 'CLOSED' && processRequest !== null) throw new Error('the auction is being processed');
        expect(['SCHEDULED', 'BIDDING', 'CLOSED'], 'cancel')();
      },
    },
  );
  setHandler(
    processUpdate,
    async (request) => {
      processRequest = { acceptedAmount: request.acceptedAmount ?? null };
      return leaves('CLOSED')();
    },
    {
      validator: (request) => {
        expect(['CLOSED'], 'process')();
        if (processRequest !== null) throw new Error('the auction is already being processed');
        const accepted = request.acceptedAmount;
        const ceiling = input.totalLotSize + input.greenshoeAmount;
        if (accepted !== undefined && (accepted <= 0 || accepted > ceiling))
          throw new Error(`accepted_amount must be positive and at most ${ceiling} (notified + greenshoe)`);
      },
    },
  );
  setHandler(
    settleUpdate,
    async () => {
      settleRequested = true;
      return leaves('CLEARED')();
    },
    { validator: expect(['CLEARED'], 'settle') },
  );

  const cancel = async () => {
    await acts.cancelAuction(input.auctionId, cancelReason ?? 'cancelled');
    enter('CANCELLED');
    return status();
  };

  upsertMemo({ state, auctionCode: input.auctionCode, format: input.format });
  if (searchable)
    upsertSearchAttributes([
      { key: auctionStateAttribute, value: state },
      { key: auctionFormatAttribute, value: input.format },
      ...(input.bondIsin === undefined ? [] : [{ key: bondIsinAttribute, value: input.bondIsin }]),
    ]);
  await condition(() => startRequested || cancelled(), msUntil(input.biddingStartTime));
  if (cancelled()) return cancel();
  const roundMs = (input.roundSeconds ?? 0) * 1000;
  if (input.format === 'MULTI_ROUND' || input.format === 'HYBRID') effectiveEndTime = isoIn(roundMs);
  await acts.openBidding(input.auctionId, effectiveEndTime);
  round = 1;
  enter('BIDDING');

  const stop = () => closeRequested || cancelled();
  const closed = async (check: { closed: boolean; effectiveEndTime: string }) => {
    effectiveEndTime = check.effectiveEndTime;
    if (check.closed) enter('CLOSED');
    return check.closed;
  };

  switch (input.format) {
    case 'ENGLISH':
      // Soft close: each look at the end may find it moved by a late bid.
      do {
        await condition(stop, msUntil(effectiveEndTime));
        if (cancelled()) return cancel();
      } while (!(await closed(await acts.closeBidding(input.auctionId, closeRequested))));
      break;
    case 'MULTI_ROUND': {
      for (;;) {
        await condition(stop, roundMs);
        if (cancelled()) return cancel();
        const check = await acts.endRound(input.auctionId, round, closeRequested, isoIn(roundMs));
        if (await closed(check)) break;
        round += 1;
      }
      break;
    }
    case 'HYBRID': {
      let hybrid = startHybridClock({
        bidBasis: input.bidBasis,
        startValue: input.clockStart ?? '0',
        minIncrement: input.minIncrement ?? '0',
        supply: input.totalLotSize,
        finalists: input.finalists ?? 1,
      });
      // The ascending clock moves one step per round until few enough bidders remain; then one sealed round.
      for (;;) {
        clock = hybrid;
        round = hybrid.round;
        effectiveEndTime = isoIn(roundMs);
        await acts.recordClock(input.auctionId, hybrid, effectiveEndTime);
        await condition(stop, roundMs);
        if (cancelled()) return cancel();
        if (hybrid.phase === 'SEALED') break;
        const demand = await acts.clockDemand(input.auctionId, hybrid.round);
        if (closeRequested) {
          // A close during the clock ends it as this round's end would, with no time left for a
          // sealed round: the finalists' confirmed demand at the floor is what gets cleared.
          clock = hybrid = closeHybridClock(hybrid, demand);
          await acts.recordClock(input.auctionId, hybrid, isoIn(0));
          break;
        }
        hybrid = advanceHybridClock(hybrid, demand);
      }
      await closed(await acts.closeBidding(input.auctionId, true));
      break;
    }
    default:
      await condition(stop, msUntil(effectiveEndTime));
      if (cancelled()) return cancel();
      await closed(await acts.closeBidding(input.auctionId, closeRequested));
  }

  await condition(() => processRequest !== null || cancelled());
  if (processRequest === null) return cancel();
  const clearing = await acts.clearAuction(input.auctionId, processRequest.acceptedAmount);
  settlementDate = clearing.settlementDate;
  failureReason = clearing.failureReason;
  enter(clearing.state);
  if (clearing.state === 'FAILED') return status();

  const settleInMs =
    input.settlementDelaySeconds !== null
      ? input.settlementDelaySeconds * 1000
      : Math.max(0, settlementStartMs(settlementDate as string) - Date.now());
  if (settleInMs > 0) await condition(() => settleRequested, settleInMs);
  await acts.markState(input.auctionId, 'SETTLING');
  enter('SETTLING');
  const outcome = await executeChild(settlementWorkflow, {
    workflowId: `settlement-${input.auctionCode}`,
    args: [
      { auctionId: input.auctionId, auctionCode: input.auctionCode, participantIds: clearing.allotteeIds },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  const final = await acts.finishSettlement(input.auctionId);
  if (final === 'FAILED') failureReason = `settlement failed for all ${outcome.failed} allottees`;
  enter(final);
  return status();
}
