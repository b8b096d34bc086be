import {
  ApplicationFailure,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  upsertMemo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { SETTLEMENT_SYSTEMS } from '../../domain/calendar/settlement-systems';
import { settlementWorkflowId } from '../../domain/settlement/settlement-cycle';
import {
  BLOCK_FAILURES,
  type RunSummary,
  type SettlementActivities,
  type TradeSettlementInput,
} from './settlement-activities';

// Short: the server notices an activity lost with a killed worker only when this expires.
const acts = proxyActivities<SettlementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500ms', maximumInterval: '10s', nonRetryableErrorTypes: [...BLOCK_FAILURES] },
});

/** After this many rounds without settling (availability keeps changing under it), what is left fails. */
const MAX_ROUNDS = 5;

/**
 * `settlement-<system>-<date>`. DvP-III (RBI_SGL): net every due trade per participant per ISIN and
 * in cash (short participants' trades are failed first), block each debtor, then move securities and
 * funds of everyone in one journal. A block that fails (a shortfall that appeared since the netting)
 * releases the round's blocks and the next round re-nets on fresh balances. DvP-I
 * (CLEARING_CORPORATION): trade by trade, gross, in execution order. Then failed trades roll or close
 * out and each short participant is reported to compliance.
 */
export async function tradeSettlementWorkflow(input: TradeSettlementInput): Promise<RunSummary> {
  const run = await acts.openSettlementRun(input.system, input.date, input.startedBy);
  if (run.mode === 'DVP3') {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const plan = await acts.computeNetRound(run.runId, run.attempt, round);
      upsertMemo({ round, planned: plan.tradeCount, failed: plan.failedCount });
      if (plan.tradeCount === 0) break;
      let blocked = true;
      for (const participantId of plan.debtors) {
        try {
          await acts.blockObligations(run.runId, run.attempt, round, participantId);
        } catch (err) {
          const cause = err instanceof Error && err.cause instanceof ApplicationFailure ? err.cause : null;
          if (!cause || !(BLOCK_FAILURES as readonly string[]).includes(cause.type ?? '')) throw err;
          blocked = false;
          break;
        }
      }
      if (blocked && (await acts.settleNetRound(run.runId, run.attempt, round)).settled) break;
      await acts.releaseRound(run.runId, run.attempt, round);
    }
  } else {
    const trades = await acts.listGrossTrades(run.runId, run.attempt);
    for (const tradeId of trades) await acts.settleGrossTrade(run.runId, run.attempt, tradeId);
  }
  const summary = await acts.closeSettlementRun(run.runId, run.attempt);
  await acts.reportSettlementFailures(run.runId, run.attempt);
  upsertMemo({
    status: summary.status,
    settled: summary.settledTrades,
    failed: summary.failedTrades,
    failedParticipants: summary.failedParticipants.map((p) => `${p.participantId}:${p.reasons.join('; ')}`),
  });
  return summary;
}

/**
 * Run daily by the Schedule `settlement-launcher`: starts each system's settlement of today when
 * today is one of its business days. One started by operations already is left alone.
 */
export async function settlementLauncherWorkflow(): Promise<string[]> {
  const started: string[] = [];
  for (const system of SETTLEMENT_SYSTEMS) {
    const today = await acts.settlementToday(system);
    if (!today.businessDay) continue;
    const workflowId = settlementWorkflowId(system, today.date);
    try {
      await startChild(tradeSettlementWorkflow, {
        workflowId,
        args: [{ system, date: today.date, startedBy: null }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // A run operations already finished today is not started again.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started.push(workflowId);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
  return started;
}
