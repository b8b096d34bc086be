import { defineSignal } from '@temporalio/workflow';

/** Input of `compliance-exception-<id>`. */
export interface ExceptionWorkflowInput {
  exceptionId: number;
  /** Unacknowledged this long, it escalates, and again every such period after. */
  ackSlaSeconds: number;
}

// Signals, not updates: the API has already committed the change and only tells the timer.
export const exceptionAcknowledged = defineSignal('exceptionAcknowledged');
export const exceptionResolved = defineSignal('exceptionResolved');

export const exceptionWorkflowId = (exceptionId: number) => `compliance-exception-${exceptionId}`;
