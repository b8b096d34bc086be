import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ReportType } from '../../domain/compliance/reporting';

const { produceReport, finishReportRun, launchScheduledReport } = proxyActivities<Activities>({
  startToCloseTimeout: '30m',
  heartbeatTimeout: '2m',
  retry: { maximumAttempts: 3 },
});
// A platform that is down for a while should delay delivery, not fail the run.
const { deliverReport } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 8, initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});

const failureText = (err: unknown): string => {
  let e: unknown = err;
  while (e instanceof ActivityFailure && e.cause) e = e.cause;
  return e instanceof ApplicationFailure || e instanceof Error ? e.message : String(e);
};

/** `report-<type>-<period>[-v<n>]`: produce (gather, build, store), deliver, finish. */
export async function reportRunWorkflow(input: { runId: number }): Promise<'SUCCEEDED' | 'FAILED'> {
  try {
    await produceReport(input.runId);
    await deliverReport(input.runId);
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
