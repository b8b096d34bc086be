import { z } from 'zod';
import { DAY_COUNTS } from '../../../domain/reference-data/bond-types';
import { defineRoute } from '../../http/route-spec';
import { calculateBondMetrics, PRICING_CONVENTIONS } from './bond-metrics-calculation';
import { bondMetricsBody, resolveBondMetricsInput } from './bond-metrics-request';
import { BOND_METRICS, riskMetricCatalogue } from './metric-catalogue';
import { stressScenarioCatalogue } from './stress-scenario-catalogue';
import { VAR_METHODS, varMethodCatalogue } from './var-method-catalogue';
import { varWhatIfBody } from './var-request';
import { VAR_DECIMALS, whatIfVar } from './var-what-if';

const TAG = 'Risk analytics';

const roundingNote = Object.entries(BOND_METRICS)
  .map(([metric, d]) => `${metric} ${d.decimals} dp`)
  .join(', ');

const bondMetricsSchema = z
  .object({
    clean_price: z.number(),
    dirty_price: z.number(),
    accrued_interest: z.number(),
    yield_pct: z.number(),
    macaulay_duration: z.number(),
    modified_duration: z.number(),
    convexity: z.number(),
    pv01: z.number(),
    solved_for: z.enum(['clean_price', 'yield_pct']),
    convention: z.enum(Object.keys(PRICING_CONVENTIONS) as [keyof typeof PRICING_CONVENTIONS]),
    inputs: z.object({
      bond_id: z.string().nullable(),
      isin: z.string().nullable(),
      name: z.string().nullable(),
      coupon_pct: z.string(),
      maturity_date: z.string(),
      settlement_date: z.string(),
      frequency: z.number().int(),
      day_count: z.enum(DAY_COUNTS),
      face_value: z.string(),
      clean_price: z.string().nullable(),
      yield_pct: z.string().nullable(),
    }),
    conventions: z.string(),
  })
  .meta({ id: 'BondMetrics' });

const tailFields = {
  confidence_level: z.number(),
  var: z.number(),
  expected_shortfall: z.number(),
  conventions: z.string(),
};
const varResultSchema = z
  .discriminatedUnion('method', [
    z.object({
      method: z.literal('HISTORICAL_SIMULATION'),
      ...tailFields,
      observations: z.number().int(),
      var_rank: z.number().int(),
      tail_weight: z.number(),
      var_observation_index: z.number().int(),
    }),
    z.object({
      method: z.literal('PARAMETRIC'),
      model: z.literal('DELTA_NORMAL'),
      ...tailFields,
      time_horizon: z.number().int(),
      assets: z.number().int(),
      standard_deviation: z.number(),
      z: z.number(),
    }),
  ])
  .meta({ id: 'VarWhatIfResult' });

const describedList = (item: z.ZodObject) => z.object({ items: z.array(item) }).loose();

export const riskAnalyticsRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/analytics/bond-metrics',
    summary: 'Price, yield, accrued interest, durations, convexity and PV01 of one bond',
    tag: TAG,
    access: 'authenticated',
    request: { body: bondMetricsBody },
    responses: {
      200: {
        description:
          `Prices per 100 of face value; numbers rounded half-up: ${roundingNote}. dirty_price is the rounded ` +
          `clean price plus the rounded accrued interest, and a given quote is echoed exactly. Coupon bonds: ` +
          `${PRICING_CONVENTIONS.STREET_COMPOUNDED} T-bills: ${PRICING_CONVENTIONS.T_BILL_SIMPLE_365}`,
        schema: bondMetricsSchema,
      },
    },
    async handler({ body, deps }) {
      const input = await resolveBondMetricsInput(deps.orm.em.fork(), body);
      return { body: calculateBondMetrics(input) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/analytics/var',
    summary: 'What-if VaR and expected shortfall of a P&L vector or of correlated exposures',
    tag: TAG,
    access: 'authenticated',
    request: { body: varWhatIfBody },
    responses: {
      200: {
        description:
          `var, expected_shortfall and standard_deviation are losses in the caller's unit, rounded half-up to ` +
          `${VAR_DECIMALS} dp. HISTORICAL_SIMULATION: ${VAR_METHODS.HISTORICAL_SIMULATION.conventions} ` +
          `PARAMETRIC: ${VAR_METHODS.PARAMETRIC.conventions}`,
        schema: varResultSchema,
      },
    },
    async handler({ body }) {
      return { body: whatIfVar(body) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/analytics/var-methods',
    summary: 'The VaR methods and their quantile, expected shortfall and horizon conventions',
    tag: TAG,
    access: 'authenticated',
    responses: {
      200: {
        description: 'One item per method of domain/risk',
        schema: describedList(
          z.object({
            method: z.string(),
            description: z.string(),
            quantile: z.string(),
            expected_shortfall: z.string(),
            horizon: z.string(),
            what_if: z.boolean(),
            conventions: z.string(),
          }),
        ),
      },
    },
    async handler() {
      return { body: varMethodCatalogue() };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/analytics/stress-test-scenarios',
    summary: 'The default stress scenarios with their parameters',
    tag: TAG,
    access: 'authenticated',
    responses: {
      200: {
        description:
          'Shocks in basis points (see parameter_units); the IRRBB shapes follow BCBS d368 for INR',
        schema: describedList(
          z.object({
            scenario_name: z.string(),
            scenario_type: z.enum(['INTEREST_RATE', 'CREDIT_SPREAD', 'MARKET_CRASH', 'CUSTOM']),
            description: z.string().nullable(),
            parameters: z.record(z.string(), z.unknown()),
          }),
        ),
      },
    },
    async handler() {
      return { body: stressScenarioCatalogue() };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/analytics/risk-metrics',
    summary: 'Definitions and units of the bond and portfolio risk metrics and of the risk factors',
    tag: TAG,
    access: 'authenticated',
    responses: {
      200: {
        description:
          'Bond metrics (with the decimals bond-metrics rounds to), portfolio metrics, risk factors',
        schema: z
          .object({
            bond_metrics: z.array(
              z.object({
                metric: z.string(),
                unit: z.string(),
                decimals: z.number().int(),
                definition: z.string(),
              }),
            ),
            portfolio_metrics: z.array(
              z.object({ metric: z.string(), unit: z.string(), definition: z.string() }),
            ),
            risk_factors: z.array(
              z.object({
                factor: z.string(),
                unit: z.string(),
                tenor_years: z.number().nullable(),
                definition: z.string(),
              }),
            ),
            ewma_lambda: z.number(),
          })
          .meta({ id: 'RiskMetricCatalogue' }),
      },
    },
    async handler() {
      return { body: riskMetricCatalogue() };
    },
  }),
];
