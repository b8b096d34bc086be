import type { Queue } from 'bullmq';

/** BullMQ queue names, shared by producers (API, trading, settlement, market data) and consumers (workers). */
export const QUEUES = {
  riskRecompute: 'risk-recompute',
} as const;

/** An explicit request: the API stored the risk run with the caller's parameters; the job names it. */
export interface RiskRunJobData {
  runId: string;
}

/** What may set off an automatic recomputation. */
export const RECOMPUTE_TRIGGERS = [
  'FILL',
  'ALLOTMENT',
  'SETTLEMENT',
  'MARKET_DATA',
  'POSITION_CHANGE',
] as const;
export type RecomputeTrigger = (typeof RECOMPUTE_TRIGGERS)[number];

/**
 * An automatic recomputation carries only the portfolio (and why): the worker reads fresh positions
 * and prices when it runs, so the last of a burst sees everything. `runId` is set by the worker
 * once it has stored the run, so a retry continues that run rather than starting another.
 */
export interface AutomaticRecomputeJobData {
  portfolioId: number;
  trigger: RecomputeTrigger;
  runId?: string;
}

export type RiskRecomputeJobData = RiskRunJobData | AutomaticRecomputeJobData;

export const AUTOMATIC_RECOMPUTE_JOB = 'automatic-recompute';

/** The job id of a run: no ':' and not all digits (BullMQ). */
export const riskRunJobId = (runId: string) => `risk-run-${runId}`;

/** One deduplication key per portfolio for every automatic trigger. */
export const automaticRecomputeKey = (portfolioId: number) => `risk-${portfolioId}`;

/** Retries for failures other than bad input (those are UnrecoverableError and fail at once). */
export const RISK_RUN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
} as const;

/**
 * Asks for the automatic risk recomputation of a portfolio after its positions or prices changed.
 * Call it after a fill, an allotment, a settlement or new market data, as often as they happen:
 * deduplication with keepLastIfActive on one key per portfolio means a burst gives at most one run
 * in flight and one waiting after it (which then reads the latest state); nothing else is queued.
 * Producers pass a Queue on `QUEUES.riskRecompute` (with `prefix: config.redisPrefix`).
 */
export async function requestAutomaticRecompute(
  queue: Queue,
  portfolioId: number,
  trigger: RecomputeTrigger,
): Promise<void> {
  await queue.add(AUTOMATIC_RECOMPUTE_JOB, { portfolioId, trigger } satisfies AutomaticRecomputeJobData, {
    ...RISK_RUN_JOB_OPTIONS,
    deduplication: { id: automaticRecomputeKey(portfolioId), keepLastIfActive: true },
  });
}
