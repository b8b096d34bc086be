import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { runSurveillanceScan } = proxyActivities<Activities>({
  startToCloseTimeout: '5m',
  retry: { maximumAttempts: 3 },
});

/** Fired by the `market-surveillance` schedule: one scan of the last hour's trading. */
export async function surveillanceScanWorkflow(): Promise<{ new_alerts: number }> {
  return runSurveillanceScan();
}
