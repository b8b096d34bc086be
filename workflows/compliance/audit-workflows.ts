import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { writeAuditAnchor, verifyAuditTrail } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  retry: { maximumAttempts: 5 },
});

/** Fired by the `audit-anchor` schedule: writes the chain head outside the database. */
export async function auditAnchorWorkflow(): Promise<string | null> {
  return (await writeAuditAnchor())?.head_id ?? null;
}

/** Fired by the `audit-verification` schedule: walks the chain and checks the latest anchor. */
export async function auditVerificationWorkflow(): Promise<boolean> {
  return (await verifyAuditTrail()).valid;
}

const { openRiskBreachExceptions } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 5 },
});

/** Fired by the `compliance-risk-breaches` schedule: new risk limit breaches open exceptions. */
export async function riskBreachExceptionsWorkflow(): Promise<number> {
  return openRiskBreachExceptions();
}
