import { ApplicationFailure, proxyActivities, setHandler, upsertMemo } from '@temporalio/workflow';
import type { AuctionActivities, SettlementLeg } from './auction-activities';
import { SETTLEMENT_FAILURES } from './auction-activities';
import {
  settlementStatusQuery,
  type AllotteeSettlement,
  type SettlementInput,
  type SettlementOutcome,
} from './auction-messages';

const acts = proxyActivities<AuctionActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '500ms',
    maximumInterval: '10s',
    nonRetryableErrorTypes: [...SETTLEMENT_FAILURES],
  },
});

/**
 * `settlement-<auction_code>`: delivery versus payment for each allottee, side by side. Each leg is
 * retried until it succeeds or fails for a business reason; then the legs already done are
 * compensated and the allottee is FAILED, with the leg and the reason in the query and the memo
 * (so operations see it in the Temporal UI) and in auction_settlements (so the API shows it).
 */
export async function settlementWorkflow(input: SettlementInput): Promise<SettlementOutcome> {
  const allottees: AllotteeSettlement[] = input.participantIds.map((participantId) => ({
    participantId,
    state: 'PENDING',
    failedLeg: null,
    reason: null,
  }));
  const outcome = (): SettlementOutcome => ({
    settled: allottees.filter((a) => a.state === 'SETTLED').length,
    failed: allottees.filter((a) => a.state === 'FAILED').length,
    allottees,
  });
  const publish = () => {
    const failed = allottees.filter((a) => a.state === 'FAILED');
    upsertMemo({
      settled: outcome().settled,
      failed: failed.length,
      failedAllottees: failed.map((a) => `${a.participantId}:${a.failedLeg}:${a.reason}`),
    });
  };
  setHandler(settlementStatusQuery, outcome);

  const settleOne = async (allottee: AllotteeSettlement) => {
    allottee.state = 'SETTLING';
    const legs: [SettlementLeg, (auctionId: number, participantId: number) => Promise<void>][] = [
      ['BLOCK_FUNDS', acts.blockFunds],
      ['DELIVER_SECURITIES', acts.deliverSecurities],
      ['PAY', acts.payIssuer],
    ];
    for (const [leg, run] of legs) {
      try {
        await run(input.auctionId, allottee.participantId);
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof ApplicationFailure ? err.cause : null;
        const reason = cause?.message ?? (err instanceof Error ? err.message : String(err));
        await acts.failSettlement(input.auctionId, allottee.participantId, leg, reason);
        allottee.state = 'FAILED';
        allottee.failedLeg = leg;
        allottee.reason = reason;
        publish();
        return;
      }
    }
    allottee.state = 'SETTLED';
    publish();
  };

  await Promise.all(allottees.map(settleOne));
  return outcome();
}
