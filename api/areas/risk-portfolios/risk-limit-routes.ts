import { z } from 'zod';
import { RiskLimit } from '../../../db/entities';
import { LIMIT_TYPES } from '../../../domain/risk';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { defineRoute } from '../../http/route-spec';
import { findVisiblePortfolio, PORTFOLIO_WRITER_ROLES } from './portfolio-access';
import { PORTFOLIO_TAG, portfolioIdParams } from './position-fields';

const PER_NAME_LIMITS = ['ISSUER_CONCENTRATION_PCT', 'POSITION_SIZE'];

const limitBody = z
  .object({
    limit_type: z.enum(LIMIT_TYPES),
    threshold: z
      .number()
      .positive()
      .max(1e15)
      .meta({
        description:
          'Largest allowed absolute value: rupees (VAR, ES, DV01, POSITION_SIZE), years (DURATION), percent of ' +
          'market value (ISSUER_CONCENTRATION_PCT)',
      }),
    scope: z.string().trim().min(1).max(200).optional().meta({
      description: 'ISSUER_CONCENTRATION_PCT: one issuer; POSITION_SIZE: one bond code; absent: every one',
    }),
    warning_ratio: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .meta({ description: 'Utilisation that warns; 0.9 unless given' }),
    critical_ratio: z.number().gt(1).max(100).optional().meta({
      description: 'Utilisation from which a breach is CRITICAL; 1.25 unless given',
    }),
  })
  .refine((b) => b.scope === undefined || PER_NAME_LIMITS.includes(b.limit_type), {
    path: ['scope'],
    message: 'only ISSUER_CONCENTRATION_PCT and POSITION_SIZE limits take a scope',
  })
  .meta({ id: 'RiskLimitRequest' });

const limitSchema = z
  .object({
    limit_id: z.number().int(),
    portfolio_id: z.number().int(),
    limit_type: z.enum(LIMIT_TYPES),
    threshold: z.number(),
    scope: z.string().nullable(),
    warning_ratio: z.number().nullable(),
    critical_ratio: z.number().nullable(),
    created_by: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'RiskLimit' });

const limitJson = (l: RiskLimit) => ({
  limit_id: l.id,
  portfolio_id: l.portfolio.id,
  limit_type: l.limitType,
  threshold: l.threshold,
  scope: l.scope ?? null,
  warning_ratio: l.warningRatio ?? null,
  critical_ratio: l.criticalRatio ?? null,
  created_by: l.createdBy,
  created_at: l.createdAt.toISOString(),
});

const CHECK_NOTE =
  'Every risk run of the portfolio checks its limits; a limit at or over its warning level is recorded for ' +
  'compliance and raises a RISK_LIMIT_BREACH event on the risk_alerts channel of WS /api/v1/risk/ws/{participant_id} ' +
  "(the owner's stream and the venue operator's).";

export const riskLimitRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/portfolios/{portfolio_id}/limits',
    summary: 'Set a risk limit on a portfolio',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: portfolioIdParams, body: limitBody },
    responses: {
      201: { description: `The limit. ${CHECK_NOTE}`, schema: limitSchema },
      404: { description: "Not found (or another participant's)" },
      422: { description: 'Validation failed' },
    },
    async handler({ params, body, principal, deps }) {
      const em = deps.orm.em.fork();
      // Writer roles on a portfolio they can see: members their own (HOUSE included), RISK_OFFICER and ADMIN any.
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const limit = em.create(RiskLimit, {
        portfolio,
        limitType: body.limit_type,
        threshold: body.threshold,
        scope: body.scope ?? null,
        warningRatio: body.warning_ratio ?? null,
        criticalRatio: body.critical_ratio ?? null,
        createdBy: principal.userId,
      });
      await em.flush();
      return { status: 201, body: limitJson(limit) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios/{portfolio_id}/limits',
    summary: "The portfolio's risk limits, newest first",
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: { params: portfolioIdParams, query: pageQuery },
    responses: {
      200: {
        description: CHECK_NOTE,
        schema: z.object({ items: z.array(limitSchema), next_cursor: z.string().nullable() }),
      },
      404: { description: "Not found (or another participant's)" },
    },
    async handler({ params, query, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const rows = await em.find(
        RiskLimit,
        { portfolio, ...cursorFilter(query.cursor) },
        { orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      return { body: page(rows, query.limit, limitJson) };
    },
  }),
];
