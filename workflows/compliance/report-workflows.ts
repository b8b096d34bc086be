import {
  ActivityFailure,
  ApplicationFailure,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ConfirmSchedule } from '../../domain/compliance/delivery-confirmation';
import type { ReportType } from '../../domain/compliance/reporting';

const { produceReport, finishReportRun, launchScheduledReport } = proxyActivities<Activities>({
  startToCloseTimeout: '30m',
  heartbeatTimeout: '2m',
  retry: { maximumAttempts: 3 },
});
// A platform that is down for a while should delay delivery, not fail the run.
const { deliverReport, checkReportDelivery } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 8, initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});

const failureText = (err: unknown): string => {
  let e: unknown = err;
  while (e instanceof ActivityFailure && e.cause) e = e.cause;
  return e instanceof ApplicationFailure || e instanceof Error ? e.message : String(e);
};

/**
 * A delivery the platform took as pending: poll it, waiting `pollSeconds` then twice as long each
 * time (at most `maxPollSeconds`), until confirmed; a rejection, or no answer by `timeoutSeconds`,
 * fails the run (and so opens a REPORT_FAILED exception).
 */
async function awaitConfirmation(runId: number, c: ConfirmSchedule) {
  const deadline = Date.now() + c.timeoutSeconds * 1000;
  for (let wait = c.pollSeconds * 1000; ; wait = Math.min(wait * 2, c.maxPollSeconds * 1000)) {
    const left = deadline - Date.now();
    if (left <= 0)
      throw ApplicationFailure.nonRetryable(
        `the reporting platform did not confirm the delivery within ${c.timeoutSeconds} s`,
        'DeliveryNotConfirmed',
      );
    await sleep(Math.min(wait, left));
    const answer = await checkReportDelivery(runId);
    if (answer.status === 'CONFIRMED') return;
    if (answer.status === 'REJECTED')
      throw ApplicationFailure.nonRetryable(
        `the reporting platform rejected the delivery: ${answer.reason ?? 'no reason given'}`,
        'DeliveryRejected',
      );
  }
}

/** `report-<type>-<period>[-v<n>]`: produce (gather, build, store), deliver (and await its confirmation), finish. */
export async function reportRunWorkflow(input: { runId: number }): Promise<'SUCCEEDED' | 'FAILED'> {
  try {
    await produceReport(input.runId);
    const delivery = await deliverReport(input.runId);
    if (delivery.pending) await awaitConfirmation(input.runId, delivery.confirm);
  } catch (err) {
    await finishReportRun(input.runId, failureText(err));
    return 'FAILED';
  }
  await finishReportRun(input.runId, null);
  return 'SUCCEEDED';
}

/**
 * What a report schedule fires: starts the run of the period its scheduled time falls in (a
 * backfill's past times included) and returns that run's workflow id.
 */
export async function reportLauncherWorkflow(input: {
  reportType: ReportType;
  scheduleId: string;
  parameters?: Record<string, unknown>;
}): Promise<string> {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes
    .getAll()
    .find((p) => p.key.name === 'TemporalScheduledStartTime')?.value;
  const scheduledAt = scheduled instanceof Date ? scheduled : info.startTime;
  return launchScheduledReport({ ...input, scheduledAt: scheduledAt.toISOString() });
}
