import {
  ScheduleAlreadyRunning,
  type Client,
  type ScheduleDescription,
  type ScheduleSummary,
} from '@temporalio/client';
import { REPORT_SCHEDULE_PREFIX, type ReportType } from '../../domain/compliance/reporting';

export interface ReportScheduleSpec {
  scheduleId: string;
  reportType: ReportType;
  /** Cron in UTC. */
  cron: string;
  parameters?: Record<string, unknown>;
  note?: string;
}

/** Creates a report schedule firing `reportLauncherWorkflow`; false when the id is taken. */
export async function createReportSchedule(
  client: Client,
  taskQueue: string,
  s: ReportScheduleSpec,
): Promise<boolean> {
  try {
    await client.schedule.create({
      scheduleId: s.scheduleId,
      spec: { cronExpressions: [s.cron] },
      action: {
        type: 'startWorkflow',
        workflowType: 'reportLauncherWorkflow',
        workflowId: `${s.scheduleId}-launch`,
        taskQueue,
        args: [{ reportType: s.reportType, scheduleId: s.scheduleId, parameters: s.parameters ?? {} }],
      },
      // A backfill fires once per missed time, each launching its own period's run.
      policies: { overlap: 'ALLOW_ALL', catchupWindow: '1 day' },
      // Temporal keeps a cron only as its parsed calendar: the memo keeps the text the officer gave.
      memo: { report_type: s.reportType, cron: s.cron },
      state: { note: s.note ?? `daily ${s.reportType} report` },
    });
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}

export const isReportSchedule = (id: string) => id.startsWith(REPORT_SCHEDULE_PREFIX);

type Described = Pick<ScheduleDescription | ScheduleSummary, 'scheduleId' | 'memo' | 'state' | 'info'>;

/** A report schedule as the API shows it. */
export function scheduleJson(d: Described) {
  return {
    schedule_id: d.scheduleId,
    report_type: (d.memo?.report_type as string | undefined) ?? null,
    cron: (d.memo?.cron as string | undefined) ?? null,
    paused: d.state.paused,
    note: d.state.note ?? null,
    next_action_times: d.info.nextActionTimes.map((t) => t.toISOString()),
    recent_actions: d.info.recentActions.map((a) => ({
      scheduled_at: a.scheduledAt.toISOString(),
      taken_at: a.takenAt.toISOString(),
      workflow_id: a.action.workflow.workflowId,
    })),
  };
}
