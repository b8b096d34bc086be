import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { RiskRun, StressTestResult, STRESS_SCENARIO_TYPES, type Portfolio } from '../../../db/entities';
import { loadRiskHoldings } from '../../../db/portfolios/risk-holdings';
import { portfolioStress } from '../../../domain/portfolios/portfolio-stress';
import { toRiskPositions } from '../../../domain/portfolios/risk-positions';
import { DEFAULT_STRESS_SCENARIOS, type StressScenario } from '../../../domain/risk';
import type { Principal } from '../../auth/principal';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { defineRoute } from '../../http/route-spec';
import { withAnalyticsErrors } from '../risk-analytics/analytics-problem';
import { todayUtc } from '../risk-analytics/analytics-fields';
import { findVisiblePortfolio, PORTFOLIO_WRITER_ROLES } from './portfolio-access';
import { PORTFOLIO_TAG, portfolioIdParams } from './position-fields';
import { stressScenarioBody } from './stress-scenario-body';

const resultSchema = z
  .object({
    result_id: z.number().int(),
    portfolio_id: z.number().int(),
    batch_id: z.string().nullable().meta({ description: 'Shared by the results of one default-set request' }),
    scenario_name: z.string(),
    scenario_type: z.enum(STRESS_SCENARIO_TYPES),
    scenario: z.record(z.string(), z.unknown()),
    market_value: z.number(),
    total_pnl: z.number().meta({ description: 'Rupees; a loss is negative' }),
    pnl_pct: z.number().meta({ description: 'total_pnl as percent of market_value' }),
    base_var: z.number().nullable().meta({ description: 'VaR of the latest completed risk run, if any' }),
    stressed_var: z.number().nullable(),
    positions: z.array(z.object({ bond_id: z.string(), pnl: z.number() })),
    unpriced_positions: z.array(z.object({ bond_id: z.string(), reason: z.string() })),
    requested_by: z.number().int(),
    created_at: z.string(),
  })
  .meta({ id: 'StressTestResult' });

const resultJson = (r: StressTestResult) => ({
  result_id: r.id,
  portfolio_id: r.portfolio.id,
  batch_id: r.batchId ?? null,
  scenario_name: r.scenarioName,
  scenario_type: r.scenarioType,
  scenario: r.scenario,
  market_value: r.marketValue,
  total_pnl: r.totalPnl,
  pnl_pct: r.marketValue === 0 ? 0 : (100 * r.totalPnl) / r.marketValue,
  base_var: r.baseVar ?? null,
  stressed_var: r.stressedVar ?? null,
  positions: r.positions as { bond_id: string; pnl: number }[],
  unpriced_positions: r.unpricedPositions as { bond_id: string; reason: string }[],
  requested_by: r.requestedBy,
  created_at: r.createdAt.toISOString(),
});

const listSchema = z.object({ items: z.array(resultSchema), next_cursor: z.string().nullable() });

const METHOD_NOTE =
  "Full revaluation at today's reference yields: each bond's yield moves by the key-rate shocks interpolated at " +
  "its maturity plus its rating's spread shock, its cash flows are discounted again, and MARKET_CRASH takes the " +
  'liquidity haircut off the absolute value. Positions without a yield are listed as unpriced.';

/** Evaluates and stores scenarios against the portfolio as it stands now. */
async function runStress(
  em: EntityManager,
  portfolio: Portfolio,
  principal: Principal,
  scenarios: readonly StressScenario[],
  batchId: string | null,
): Promise<StressTestResult[]> {
  const latest = await em.findOne(
    RiskRun,
    { portfolio, status: 'COMPLETED' },
    { orderBy: { completedAt: 'desc' }, fields: ['result'] },
  );
  const baseVar = typeof latest?.result?.var === 'number' ? latest.result.var : null;
  const mapping = toRiskPositions(await loadRiskHoldings(em, portfolio), todayUtc());
  const outcomes = withAnalyticsErrors(() => portfolioStress(mapping, scenarios, baseVar));
  const rows = outcomes.map((o) =>
    em.create(StressTestResult, {
      portfolio,
      scenarioName: o.scenario.scenario_name,
      scenarioType: o.scenario.scenario_type,
      scenario: { ...o.scenario },
      marketValue: o.market_value,
      totalPnl: o.total_pnl,
      baseVar: o.base_var,
      stressedVar: o.stressed_var,
      positions: o.positions,
      unpricedPositions: o.unpriced_positions.map((u) => ({ ...u })),
      batchId,
      requestedBy: principal.userId,
    }),
  );
  await em.flush();
  return rows;
}

export const stressTestRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/portfolios/{portfolio_id}/stress-test',
    summary: 'Apply one stress scenario to the portfolio and store the result',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: portfolioIdParams, body: stressScenarioBody },
    responses: {
      201: { description: `The stored result. ${METHOD_NOTE}`, schema: resultSchema },
      404: { description: "Not found (or another participant's)" },
      422: { description: 'Validation failed, or the portfolio has no priced position' },
    },
    async handler({ params, body, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const [row] = await runStress(em, portfolio, principal, [body], null);
      return { status: 201, body: resultJson(row!) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/portfolios/{portfolio_id}/stress-test/default',
    summary:
      'Apply the standard scenario set (GET /risk/analytics/stress-test-scenarios) and store the results',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: portfolioIdParams },
    responses: {
      201: {
        description:
          'One result per scenario, under one batch_id: parallel +/-100 and +/-200 bp, the six BCBS IRRBB shapes at ' +
          `INR sizes (parallel 400, short 500, long 300 bp), spread widening by rating and a 2008-style crash. ${METHOD_NOTE}`,
        schema: listSchema,
      },
      404: { description: "Not found (or another participant's)" },
      422: { description: 'The portfolio has no priced position' },
    },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const rows = await runStress(em, portfolio, principal, DEFAULT_STRESS_SCENARIOS, randomUUID());
      return { status: 201, body: { items: rows.map(resultJson), next_cursor: null } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios/{portfolio_id}/stress-test/results',
    summary: "The portfolio's stored stress results, newest first",
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: {
      params: portfolioIdParams,
      query: pageQuery.extend({
        scenario_type: z.enum(STRESS_SCENARIO_TYPES).optional(),
        batch_id: z.uuid().optional(),
      }),
    },
    responses: {
      200: { description: 'A page of results', schema: listSchema },
      404: { description: "Not found (or another participant's)" },
    },
    async handler({ params, query, principal, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findVisiblePortfolio(em, principal, params.portfolio_id);
      const rows = await em.find(
        StressTestResult,
        {
          portfolio,
          ...cursorFilter(query.cursor),
          ...(query.scenario_type ? { scenarioType: query.scenario_type } : {}),
          ...(query.batch_id ? { batchId: query.batch_id } : {}),
        },
        { orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      return { body: page(rows, query.limit, resultJson) };
    },
  }),
];
