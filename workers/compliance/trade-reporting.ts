import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Config } from '../../platform/config';
import { TRADE_REPORTING_WORKFLOW_ID } from '../../workflows/compliance/trade-reporting-workflow';

/** Starts the one long-running trade reporter, unless it is already running. */
export async function ensureTradeReporting(
  client: Client,
  config: Config,
  workflowId = TRADE_REPORTING_WORKFLOW_ID,
) {
  try {
    await client.workflow.start('tradeReportingWorkflow', {
      workflowId,
      taskQueue: config.temporal.taskQueue,
      args: [{ pollSeconds: config.reporting.tradePollSeconds }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return client.workflow.getHandle(workflowId);
}
