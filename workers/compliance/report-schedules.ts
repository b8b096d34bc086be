import type { Client } from '@temporalio/client';
import { createReportSchedule } from '../../activities/compliance/report-schedules';
import { REPORT_TYPES, standingScheduleId } from '../../domain/compliance/reporting';
import type { Config } from '../../platform/config';

/**
 * The standing daily schedule of every report type. An existing one is left as it is: compliance
 * officers pause, resume and retime them through the API.
 */
export async function ensureReportSchedules(client: Client, config: Config): Promise<void> {
  for (const reportType of REPORT_TYPES)
    await createReportSchedule(client, config.temporal.taskQueue, {
      scheduleId: standingScheduleId(reportType),
      reportType,
      cron: config.reporting.scheduleCron,
    });
}
