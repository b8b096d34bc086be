import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { Portfolio, RiskRun } from '../../db/entities';
import { riskCurve } from '../../db/market-data/risk-curve';
import { loadRiskHoldings } from '../../db/portfolios/risk-holdings';
import { BondAnalyticsError } from '../../domain/bonds';
import { RiskError, type RiskPosition } from '../../domain/risk';
import { portfolioRisk, type PortfolioRiskResult } from '../../domain/portfolios/portfolio-var';
import {
  DEFAULT_LOOKBACK_DAYS,
  KEY_RATE_MONTHS,
  keyRateHistory,
  type CurvePointRow,
} from '../../domain/portfolios/risk-factor-history';
import { toRiskPositions } from '../../domain/portfolios/risk-positions';
import type { AutomaticRecomputeJobData, RiskRecomputeJobData } from '../../platform/queues';
import type { createLimitMonitor } from './limit-monitor';
import type { createRunNotifier } from './run-notifier';

export type LimitMonitor = ReturnType<typeof createLimitMonitor>;

export interface RiskRunProcessorDeps {
  orm: MikroORM;
  log: Logger;
  /** Checks the portfolio's limits against a completed run and raises the alerts. */
  checkLimits: LimitMonitor;
  /** Publishes a completed run's figures to the owner's risk_metrics channel. */
  notify: ReturnType<typeof createRunNotifier>;
  /** Run attempts started, by trigger and method. */
  runs: Counter;
  /** Settlement date YYYY-MM-DD; today in UTC unless given. */
  today?: () => string;
}

/** Domain field names that are not request field names. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  paths: 'simulations',
  history: 'lookback_days',
  covariance: 'lookback_days',
  confidence: 'confidence_level',
};

/** The parameters of automatic recomputations: the spec's usage example, with full revaluation. */
export const AUTOMATIC_RUN_PARAMETERS = {
  method: 'HISTORICAL_SIMULATION',
  confidenceLevel: '0.99',
  timeHorizon: 1,
  lookbackDays: DEFAULT_LOOKBACK_DAYS,
  revaluation: 'FULL_REVALUATION',
} as const;

/**
 * The run a job is about: an explicit request's stored run, or for an automatic recomputation a new
 * run with AUTOMATIC_RUN_PARAMETERS (its id written back to the job, so a retry continues it).
 * Null when the portfolio is gone.
 */
async function runOf(em: EntityManager, job: Job<RiskRecomputeJobData>): Promise<RiskRun | null> {
  const data = job.data;
  const runId = 'runId' in data ? data.runId : undefined;
  if (runId !== undefined) {
    const run = await em.findOne(RiskRun, { id: runId }, { populate: ['portfolio'] });
    if (!run) throw new UnrecoverableError(`risk run ${runId} does not exist`);
    return run;
  }
  const auto = data as AutomaticRecomputeJobData;
  const portfolio = await em.findOne(Portfolio, auto.portfolioId);
  if (!portfolio) return null;
  const run = em.create(RiskRun, {
    id: randomUUID(),
    portfolio,
    ...AUTOMATIC_RUN_PARAMETERS,
    trigger: auto.trigger,
    requestedBy: null,
  });
  await em.flush();
  await job.updateData({ ...auto, runId: run.id });
  return run;
}

/**
 * Consumes `risk-recompute` jobs: reads the run and the portfolio afresh, marks it RUNNING, computes
 * and stores COMPLETED with the result and decomposition, or FAILED; then checks the portfolio's
 * limits. Bad input fails at once (UnrecoverableError, no retry); anything else is retried by BullMQ
 * and marked FAILED only on the last attempt.
 */
export function createRiskRunProcessor(deps: RiskRunProcessorDeps) {
  const today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  return async (job: Job<RiskRecomputeJobData>) => {
    const em = deps.orm.em.fork();
    const run = await runOf(em, job);
    if (!run) return { status: 'PORTFOLIO_GONE' };
    const runId = run.id;
    if (run.status === 'COMPLETED') return { runId, status: run.status };
    deps.runs.inc({ trigger: run.trigger, method: run.method });
    run.status = 'RUNNING';
    await em.flush();
    await job.updateProgress(10);
    let completed: { result: PortfolioRiskResult; positions: RiskPosition[] };
    try {
      const asOf = today();
      const mapping = toRiskPositions(await loadRiskHoldings(em, run.portfolio), asOf);
      await job.updateProgress(30);
      // With no curve at all the history is empty, which the computation refuses as too short.
      const curve = await riskCurve(em);
      const points = curve ? await loadKeyRatePoints(deps.orm, curve.code, run.lookbackDays) : [];
      const history = keyRateHistory(points, run.lookbackDays);
      await job.updateProgress(50);
      const { result, decomposition } = portfolioRisk(
        {
          method: run.method,
          confidenceLevel: run.confidenceLevel,
          timeHorizon: run.timeHorizon,
          revaluation: run.revaluation,
          ...(run.simulations == null ? {} : { simulations: run.simulations }),
          ...(run.seed == null ? {} : { seed: Number(run.seed) }),
        },
        {
          positions: mapping.positions,
          unpriced: mapping.unpriced,
          history: history.changes,
          historyDates: history.dates,
          asOf,
        },
      );
      run.status = 'COMPLETED';
      run.result = { ...result };
      run.decomposition = { ...decomposition };
      run.error = null;
      run.errorField = null;
      run.completedAt = new Date();
      await em.flush();
      completed = { result, positions: mapping.positions };
    } catch (err) {
      const badInput = err instanceof RiskError || err instanceof BondAnalyticsError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = `${(err as Error).message}${badInput ? ` (${(err as RiskError).code})` : ''}`;
      run.error = message;
      if (badInput) {
        const field = (err as RiskError).field;
        run.errorField = field === undefined ? 'body' : (FIELD_NAMES[field] ?? field);
      }
      run.status = badInput || lastAttempt ? 'FAILED' : 'QUEUED';
      if (run.status === 'FAILED') run.completedAt = new Date();
      await em.flush();
      deps.log.warn({ err, runId, attempt: job.attemptsMade + 1 }, 'risk run failed');
      if (badInput) throw new UnrecoverableError(message);
      throw err;
    }
    // The run stands whatever happens here: a failed alert is logged, not retried into a second run.
    try {
      await deps.checkLimits(em, run, completed.result, completed.positions);
      await deps.notify(run, completed.result);
    } catch (err) {
      deps.log.error({ err, runId }, 'risk limit check or notification failed');
    }
    await job.updateProgress(100);
    return { runId, status: run.status };
  };
}

async function loadKeyRatePoints(
  orm: MikroORM,
  curveCode: string,
  lookbackDays: number,
): Promise<CurvePointRow[]> {
  const months = KEY_RATE_MONTHS;
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ date: string; tenor_months: number; yield_pct: string }[]>(
      `with c as (select id from yield_curves where code = ?),
     d as (
       select p.observation_date from yield_curve_points p join c on c.id = p.curve_id
       where p.tenor_months in (${months.map(() => '?').join(', ')})
       group by p.observation_date having count(*) = ${months.length}
       order by p.observation_date desc limit ?
     )
     select to_char(p.observation_date, 'YYYY-MM-DD') as date, p.tenor_months, p.yield_pct::text as yield_pct
     from yield_curve_points p join c on c.id = p.curve_id
     where p.observation_date in (select observation_date from d)
       and p.tenor_months in (${months.map(() => '?').join(', ')})`,
      [curveCode, ...months, lookbackDays + 1, ...months],
    );
  return rows.map((r) => ({ date: r.date, tenorMonths: Number(r.tenor_months), yieldPct: r.yield_pct }));
}
