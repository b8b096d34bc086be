import { z } from 'zod';
import { RiskRun } from '../../../db/entities';
import { riskCurve } from '../../../db/market-data/risk-curve';
import { defineRoute } from '../../http/route-spec';
import { riskQueue } from '../risk-portfolios/risk-queue';
import { RISK_OPERATIONS_TAG } from './curve-upload-routes';

const runSummary = z
  .object({
    run_id: z.string(),
    portfolio_id: z.number().int(),
    method: z.string(),
    trigger: z.string(),
    status: z.string(),
    error: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .nullable();

const statusSchema = z
  .object({
    queue: z.object({
      name: z.string(),
      waiting: z.number().int(),
      active: z.number().int(),
      delayed: z.number().int(),
      failed: z.number().int().meta({ description: 'Failed jobs kept for inspection (bull-board)' }),
      completed: z.number().int(),
      workers: z.number().int().meta({ description: 'Risk workers connected to the queue' }),
    }),
    last_run: runSummary.meta({ description: 'The most recently finished run' }),
    last_failure: runSummary,
    runs_last_24h: z.object({ completed: z.number().int(), failed: z.number().int() }),
    risk_curve: z.object({ code: z.string(), is_stand_in: z.boolean() }).nullable(),
  })
  .meta({ id: 'RiskStatus' });

const summary = (r: RiskRun | null) =>
  r && {
    run_id: r.id,
    portfolio_id: r.portfolio.id,
    method: r.method,
    trigger: r.trigger,
    status: r.status,
    error: r.error ?? null,
    created_at: r.createdAt.toISOString(),
    completed_at: r.completedAt ? r.completedAt.toISOString() : null,
  };

export const riskStatusRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/status',
    summary: 'The risk system: queue depth, workers, the last run and the last failure',
    tag: RISK_OPERATIONS_TAG,
    access: ['ADMIN', 'RISK_OFFICER', 'OPERATIONS', 'COMPLIANCE_OFFICER'],
    responses: { 200: { description: 'Status now', schema: statusSchema } },
    async handler({ deps }) {
      const queue = riskQueue(deps);
      const em = deps.orm.em.fork();
      const since = new Date(Date.now() - 24 * 3600 * 1000);
      const finished = { status: { $in: ['COMPLETED', 'FAILED'] as RiskRun['status'][] } };
      const [counts, workers, lastRun, lastFailure, completed, failed, curve] = await Promise.all([
        queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
        queue.getWorkersCount(),
        em.findOne(RiskRun, finished, { orderBy: { completedAt: 'desc' } }),
        em.findOne(RiskRun, { status: 'FAILED' }, { orderBy: { completedAt: 'desc' } }),
        em.count(RiskRun, { status: 'COMPLETED', completedAt: { $gte: since } }),
        em.count(RiskRun, { status: 'FAILED', completedAt: { $gte: since } }),
        riskCurve(deps.orm.em.fork()),
      ]);
      return {
        body: {
          queue: {
            name: queue.name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
            workers,
          },
          last_run: summary(lastRun),
          last_failure: summary(lastFailure),
          runs_last_24h: { completed, failed },
          risk_curve: curve && { code: curve.code, is_stand_in: curve.isStandIn },
        },
      };
    },
  }),
];
