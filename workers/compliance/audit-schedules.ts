import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import type { Config } from '../../platform/config';

/**
 * The compliance standing schedules: the audit trail's external anchor (at least hourly) and
 * verification, and the detector that turns new risk limit breaches into exceptions (every minute).
 */
export function auditSchedules(config: Config) {
  return [
    {
      scheduleId: 'audit-anchor',
      workflowType: 'auditAnchorWorkflow',
      everyMinutes: config.audit.anchorIntervalMinutes,
    },
    {
      scheduleId: 'audit-verification',
      workflowType: 'auditVerificationWorkflow',
      everyMinutes: config.audit.verifyIntervalMinutes,
    },
    // Trade surveillance rides the same mechanism: one scan at a time across every worker instance.
    { scheduleId: 'market-surveillance', workflowType: 'surveillanceScanWorkflow', everyMinutes: 5 },
    { scheduleId: 'compliance-risk-breaches', workflowType: 'riskBreachExceptionsWorkflow', everyMinutes: 1 },
  ];
}

/** Creates the schedules, or brings an existing one's interval and action up to the configuration. */
export async function ensureAuditSchedules(client: Client, config: Config): Promise<void> {
  for (const s of auditSchedules(config)) {
    const action = {
      type: 'startWorkflow' as const,
      workflowType: s.workflowType,
      workflowId: s.scheduleId,
      taskQueue: config.temporal.taskQueue,
    };
    const spec = { intervals: [{ every: s.everyMinutes * 60_000 }] };
    try {
      await client.schedule.create({ scheduleId: s.scheduleId, spec, action, policies: { overlap: 'SKIP' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(s.scheduleId).update((prev) => ({ ...prev, spec, action }));
    }
  }
}
