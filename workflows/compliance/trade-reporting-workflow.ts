import { ActivityFailure, continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { submitPendingTradeReports, pollTradeReportConfirmations, checkTradeReportDeadlines } =
  proxyActivities<Activities>({
    startToCloseTimeout: '2m',
    retry: { maximumAttempts: 3 },
  });

export const TRADE_REPORTING_WORKFLOW_ID = 'trade-reporting';

/** Loop passes before continuing as new, so the history stays small however long it runs. */
const PASSES_PER_RUN = 200;

/** A step that failed all its retries is logged and tried again next pass: the reporter never stops. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.error(`trade reporting: ${name} failed`, { error: err.cause?.message ?? err.message });
    return undefined;
  }
}

/**
 * The long-running trade reporter: submit pending reports in batches, poll the platform about
 * reports it took as pending, check deadlines (alert, then exception), wait a poll interval unless a full batch suggests more are waiting.
 */
export async function tradeReportingWorkflow(input: { pollSeconds: number }): Promise<never> {
  for (let pass = 0; pass < PASSES_PER_RUN; pass++) {
    const sent = await step('submit', submitPendingTradeReports);
    await step('confirmations', pollTradeReportConfirmations);
    await step('deadline check', checkTradeReportDeadlines);
    if (!sent?.more) await sleep(input.pollSeconds * 1000);
  }
  return continueAsNew<typeof tradeReportingWorkflow>(input);
}
