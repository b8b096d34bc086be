import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { Config } from '../../platform/config';

/** Daily post-trade runs, on India's clock: coupons and redemptions in the morning, statements after the close. */
export const POST_TRADE_SCHEDULES = [
  { scheduleId: 'bond-payments', workflowType: 'bondPaymentRunWorkflow', cron: '0 7 * * *' },
  { scheduleId: 'daily-statements', workflowType: 'dailyStatementsWorkflow', cron: '0 20 * * *' },
];

/** Creates the schedules, or brings an existing one's time and action up to date. */
export async function ensurePostTradeSchedules(client: Client, config: Config): Promise<void> {
  for (const s of POST_TRADE_SCHEDULES) {
    const action = {
      type: 'startWorkflow' as const,
      workflowType: s.workflowType,
      workflowId: s.scheduleId,
      taskQueue: config.temporal.taskQueue,
    };
    const spec = { cronExpressions: [s.cron], timezone: 'Asia/Kolkata' };
    try {
      await client.schedule.create({ scheduleId: s.scheduleId, spec, action, policies: { overlap: 'SKIP' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(s.scheduleId).update((prev) => ({ ...prev, spec, action }));
    }
  }
}
