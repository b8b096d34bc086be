/** BullMQ queue names, shared by producers (API) and consumers (workers). */
export const QUEUES = {
  riskRecompute: 'risk-recompute',
} as const;

/** A `risk-recompute` job names one stored risk run; the worker reads everything else afresh. */
export interface RiskRunJobData {
  runId: string;
}

/** The job id of a run: no ':' and not all digits (BullMQ). */
export const riskRunJobId = (runId: string) => `risk-run-${runId}`;

/** Retries for failures other than bad input (those are UnrecoverableError and fail at once). */
export const RISK_RUN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
} as const;
