import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { exceptionAcknowledged, exceptionResolved, type ExceptionWorkflowInput } from './exception-messages';

const { escalateException } = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { maximumAttempts: 10 },
});

/**
 * One compliance exception's SLA: while it stays unacknowledged it escalates once per SLA period;
 * it ends when the exception is resolved. The database holds the exception; this holds the timer.
 */
export async function complianceExceptionWorkflow(
  input: ExceptionWorkflowInput,
): Promise<{ escalations: number }> {
  let acknowledged = false;
  let resolved = false;
  setHandler(exceptionAcknowledged, () => {
    acknowledged = true;
  });
  setHandler(exceptionResolved, () => {
    resolved = true;
  });
  let escalations = 0;
  while (!(await condition(() => acknowledged || resolved, input.ackSlaSeconds * 1000))) {
    escalations += 1;
    // The exception may have been acknowledged between the timer and this call: then it says no.
    if (!(await escalateException(input.exceptionId, escalations))) break;
  }
  await condition(() => resolved);
  return { escalations };
}
