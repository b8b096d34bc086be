import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { Logger } from '../../platform/logger';
import { QUEUES, RISK_RUN_JOB_OPTIONS, riskRunJobId, type RiskRunJobData } from '../../platform/queues';

/** Runs younger than this may still be on their way into the queue from the API. */
const GRACE_SECONDS = 10;

/**
 * PostgreSQL is the record of risk runs; Redis only carries their jobs. A run still QUEUED or
 * RUNNING whose job Redis lost (a restart without persistence) is queued again under its own job
 * id, which BullMQ treats as a no-op while the original job still exists. Returns how many runs
 * had no job and were re-driven.
 */
export async function redriveRiskRuns(orm: MikroORM, queue: Queue, log: Logger): Promise<number> {
  const rows: Array<{ id: string }> = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select id from risk_runs where status in ('QUEUED', 'RUNNING')
          and created_at < now() - make_interval(secs => ?) order by created_at`,
      [GRACE_SECONDS],
    );
  let redriven = 0;
  for (const { id } of rows) {
    if (await queue.getJob(riskRunJobId(id))) continue;
    await queue.add(QUEUES.riskRecompute, { runId: id } satisfies RiskRunJobData, {
      ...RISK_RUN_JOB_OPTIONS,
      jobId: riskRunJobId(id),
    });
    redriven++;
  }
  if (redriven) log.warn({ redriven }, 'risk runs re-driven from PostgreSQL (their jobs were lost)');
  else log.debug({ unfinished: rows.length }, 'risk run re-drive: every unfinished run has its job');
  return redriven;
}
