import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { Config } from '../../platform/config';

export const SETTLEMENT_LAUNCHER_SCHEDULE = 'settlement-launcher';

/**
 * The daily launcher: at the configured time in India it starts each system's settlement of the
 * day (`settlementLauncherWorkflow` skips a system's holidays). Created, or brought up to the
 * configuration, when the worker starts.
 */
export async function ensureSettlementSchedule(client: Client, config: Config): Promise<void> {
  const [hour, minute] = config.settlement.launchTime.split(':').map(Number);
  const spec = { calendars: [{ hour: hour!, minute: minute! }], timezone: 'Asia/Kolkata' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'settlementLauncherWorkflow',
    workflowId: SETTLEMENT_LAUNCHER_SCHEDULE,
    taskQueue: config.temporal.taskQueue,
  };
  try {
    await client.schedule.create({
      scheduleId: SETTLEMENT_LAUNCHER_SCHEDULE,
      spec,
      action,
      policies: { overlap: 'SKIP' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule
      .getHandle(SETTLEMENT_LAUNCHER_SCHEDULE)
      .update((prev) => ({ ...prev, spec, action }));
  }
}
