import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  RISK_RUN_METHODS,
  RISK_RUN_REVALUATIONS,
  RISK_RUN_STATUSES,
  RISK_RUN_TRIGGERS,
  RiskRun,
} from '../../../db/entities';
import type { PortfolioDecomposition } from '../../../domain/portfolios/portfolio-var';
import { DEFAULT_LOOKBACK_DAYS } from '../../../domain/portfolios/risk-factor-history';
import { QUEUES, RISK_RUN_JOB_OPTIONS, riskRunJobId, type RiskRunJobData } from '../../../platform/queues';
import { Problem, problems } from '../../http/problem';
import { defineRoute } from '../../http/route-spec';
import { confidenceLevel } from '../risk-analytics/analytics-fields';
import { findVisiblePortfolio, PORTFOLIO_WRITER_ROLES } from './portfolio-access';
import { PORTFOLIO_TAG, portfolioIdParams } from './position-fields';
import { riskQueue } from './risk-queue';

/** How long a POST waits for the worker before answering 202. */
export const RISK_RUN_WAIT_MS = 10_000;

const riskBody = z
  .object({
    method: z.enum(RISK_RUN_METHODS),
    confidence_level: confidenceLevel,
    time_horizon: z.number().int().min(1).max(250).meta({ description: 'Trading days' }),
    revaluation: z
      .enum(RISK_RUN_REVALUATIONS)
      .default('FULL_REVALUATION')
      .meta({
        description:
          'HISTORICAL_SIMULATION and MONTE_CARLO: reprice every bond at its shifted yield (FULL_REVALUATION) or use ' +
          'the DV01 and convexity model (DELTA_GAMMA). PARAMETRIC is delta-normal either way.',
      }),
    lookback_days: z
      .number()
      .int()
      .min(20)
      .max(2000)
      .default(DEFAULT_LOOKBACK_DAYS)
      .meta({ description: 'Daily changes of the key-rate history used (dates with all five key rates)' }),
    simulations: z
      .number()
      .int()
      .min(1000)
      .max(100_000)
      .optional()
      .meta({ description: 'MONTE_CARLO paths; 10,000 unless given' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional()
      .meta({ description: 'MONTE_CARLO seed; the same seed gives the same answer' }),
  })
  .meta({ id: 'RiskRunRequest' });

const resultSchema = z.object({
  revaluation: z.enum(RISK_RUN_REVALUATIONS).nullable(),
  var: z.number(),
  expected_shortfall: z.number(),
  volatility: z.number().meta({ description: 'Standard deviation of the horizon P&L, rupees' }),
  market_value: z.number(),
  dv01: z.number(),
  dv01_by_factor: z.record(z.string(), z.number()),
  modified_duration: z.number(),
  convexity: z.number(),
  unpriced_positions: z.array(z.object({ bond_id: z.string(), reason: z.string() })),
  priced_positions: z.number().int(),
  factor_count: z.number().int(),
  observations: z.number().int(),
  as_of: z.string(),
  history_from: z.string().nullable(),
  history_to: z.string().nullable(),
});

export const riskRunSchema = z
  .object({
    run_id: z.string(),
    portfolio_id: z.number().int(),
    method: z.enum(RISK_RUN_METHODS),
    confidence_level: z.number(),
    time_horizon: z.number().int(),
    revaluation: z.enum(RISK_RUN_REVALUATIONS),
    lookback_days: z.number().int(),
    simulations: z.number().int().nullable(),
    seed: z.number().int().nullable(),
    status: z.enum(RISK_RUN_STATUSES),
    result: resultSchema.nullable(),
    error: z.string().nullable(),
    trigger: z.enum(RISK_RUN_TRIGGERS).meta({
      description: 'REQUEST (through this API) or what set off an automatic recomputation',
    }),
    requested_by: z.number().int().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .meta({ id: 'RiskRun' });

export const riskRunJson = (r: RiskRun) => ({
  run_id: r.id,
  portfolio_id: r.portfolio.id,
  method: r.method,
  confidence_level: Number(r.confidenceLevel),
  time_horizon: r.timeHorizon,
  revaluation: r.revaluation,
  lookback_days: r.lookbackDays,
  simulations: r.simulations ?? null,
  seed: r.seed == null ? null : Number(r.seed),
  status: r.status,
  result: r.result ?? null,
  error: r.error ?? null,
  trigger: r.trigger,
  requested_by: r.requestedBy ?? null,
  created_at: r.createdAt.toISOString(),
  completed_at: r.completedAt ? r.completedAt.toISOString() : null,
});

const decompositionSchema = z
  .object({
    run_id: z.string(),
    portfolio_id: z.number().int(),
    method: z.enum(RISK_RUN_METHODS),
    revaluation: z.enum(RISK_RUN_REVALUATIONS).nullable(),
    confidence_level: z.number(),
    time_horizon: z.number().int(),
    completed_at: z.string().nullable(),
    var: z.number(),
    expected_shortfall: z.number(),
    by_position: z.array(
      z.object({
        bond_id: z.string(),
        market_value: z.number(),
        component_var: z.number(),
        component_es: z.number(),
        marginal_var: z.number().nullable(),
        incremental_var: z.number(),
        percent_of_var: z.number(),
      }),
    ),
    by_factor: z.array(
      z.object({
        factor: z.string().meta({ description: '1Y 2Y 5Y 10Y 30Y, SPREAD, or NONLINEAR (the rest)' }),
        component_var: z.number(),
        component_es: z.number(),
        percent_of_var: z.number(),
      }),
    ),
  })
  .meta({ id: 'RiskDecomposition' });

/** The deduplication key of an explicit request: its portfolio and every parameter that shapes the answer. */
function explicitRequestKey(portfolioId: number, body: z.infer<typeof riskBody>): string {
  const parts = [
    body.method,
    body.confidence_level,
    body.time_horizon,
    body.lookback_days,
    body.revaluation,
    body.simulations ?? '',
    body.seed ?? '',
  ];
  return `risk-${portfolioId}-request-${parts.join('-')}`;
}

const location = (portfolioId: number) => `/api/v1/risk/portfolios/${portfolioId}/risk`;

export const riskRunRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/portfolios/{portfolio_id}/risk',
    summary: "Compute the portfolio's VaR, expected shortfall and sensitivities (stored as a risk run)",
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: portfolioIdParams, body: riskBody },
    responses: {
      200: {
        description:
          'Completed. Positions are priced at their bond reference yield; DV01 is split over the 1Y 2Y 5Y 10Y 30Y key ' +
          'rates; the factor history is the UST_PAR curve (a stand-in for an INR history). Bonds without a reference ' +
          'yield are listed in result.unpriced_positions.',
        schema: riskRunSchema,
      },
      202: { description: 'Still running after the wait; poll the Location', schema: riskRunSchema },
      404: { description: "Not found (or another participant's)" },
      422: { description: 'Validation failed, or the risk could not be computed from these inputs' },
    },
    async handler({ params, body, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      let run = em.create(RiskRun, {
        id: randomUUID(),
        portfolio,
        method: body.method,
        confidenceLevel: body.confidence_level,
        timeHorizon: body.time_horizon,
        revaluation: body.revaluation,
        lookbackDays: body.lookback_days,
        simulations: body.simulations ?? null,
        seed: body.seed === undefined ? null : String(body.seed),
        requestedBy: principal.userId,
      });
      await em.flush();
      // Keyed by portfolio and parameters: the same request while one is still queued or running
      // joins it (its run is answered) instead of computing the same thing twice.
      let job = await riskQueue(deps).add(QUEUES.riskRecompute, { runId: run.id } satisfies RiskRunJobData, {
        ...RISK_RUN_JOB_OPTIONS,
        jobId: riskRunJobId(run.id),
        deduplication: { id: explicitRequestKey(portfolio.id, body) },
      });
      if (job.id !== riskRunJobId(run.id)) {
        const existing = await riskQueue(deps).getJob(job.id!);
        const joined = existing
          ? await em.findOne(RiskRun, { id: (existing.data as RiskRunJobData).runId })
          : null;
        if (existing && joined) {
          em.remove(run);
          await em.flush();
          job = existing;
          run = joined;
        }
      }
      try {
        await job.waitUntilFinished(deps.riskQueueEvents, RISK_RUN_WAIT_MS);
      } catch {
        // Failed or still running: the stored run says which.
      }
      await em.refresh(run);
      if (run.status === 'COMPLETED') return { body: riskRunJson(run) };
      if (run.status === 'FAILED') {
        if (run.errorField) {
          throw problems.validation([{ field: run.errorField, message: run.error ?? 'invalid input' }]);
        }
        throw new Problem(500, '/errors/risk-run-failed', 'Risk run failed', run.error ?? undefined);
      }
      return {
        status: 202,
        body: riskRunJson(run),
        headers: { Location: location(portfolio.id) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios/{portfolio_id}/risk',
    summary: 'The latest completed risk run of a portfolio',
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: { params: portfolioIdParams },
    responses: {
      200: { description: 'The latest COMPLETED run', schema: riskRunSchema },
      404: { description: "Not found, another participant's, or no completed run yet" },
    },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const run = await em.findOne(
        RiskRun,
        { portfolio, status: 'COMPLETED' },
        { orderBy: { completedAt: 'desc', createdAt: 'desc' } },
      );
      if (!run) throw problems.notFound('Completed risk run');
      return { body: riskRunJson(run) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios/{portfolio_id}/risk/decomposition',
    summary: 'Risk decomposition of the latest completed run: by position and by factor',
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: {
      params: portfolioIdParams,
      query: z.object({
        method: z.enum(RISK_RUN_METHODS).optional().meta({ description: 'The latest run of this method' }),
      }),
    },
    responses: {
      200: {
        description:
          'Per position: Euler component VaR and ES (they sum to the totals), marginal VaR (per rupee of value) and ' +
          'incremental VaR (with minus without, on the same scenarios). Per factor: the key-rate buckets and SPREAD ' +
          '(delta x move in the VaR scenario, or the covariance share for PARAMETRIC) and NONLINEAR for the rest.',
        schema: decompositionSchema,
      },
      404: { description: "Not found, another participant's, or no completed run yet" },
    },
    async handler({ params, query, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const run = await em.findOne(
        RiskRun,
        { portfolio, status: 'COMPLETED', ...(query.method ? { method: query.method } : {}) },
        { orderBy: { completedAt: 'desc', createdAt: 'desc' }, populate: ['decomposition'] },
      );
      if (!run?.decomposition) throw problems.notFound('Completed risk run');
      return {
        body: {
          run_id: run.id,
          portfolio_id: portfolio.id,
          method: run.method,
          revaluation: run.method === 'PARAMETRIC' ? null : run.revaluation,
          confidence_level: Number(run.confidenceLevel),
          time_horizon: run.timeHorizon,
          completed_at: run.completedAt ? run.completedAt.toISOString() : null,
          ...(run.decomposition as unknown as PortfolioDecomposition),
        },
      };
    },
  }),
];
