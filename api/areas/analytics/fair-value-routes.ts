import Decimal from 'decimal.js';
import { z } from 'zod';
import { fairValueOf } from '../../../db/fair-value/fair-value-source';
import { bondYieldAt, curveFamilyOf, richCheapBp } from '../../../domain/fair-value';
import type { BondType } from '../../../domain/reference-data/bond-types';
import { defineRoute } from '../../http/route-spec';
import { problems } from '../../http/problem';
import { bondIdField } from '../trading/trading-fields';
import { ANALYTICS_TAG, curveSchema, fairValueSchema, familyQuery } from './analytics-fields';
import { familyCurveNow, readTouches } from './fair-value-inputs';

/** The tenors a curve is shown at, in years. */
const CURVE_TENORS = [0.25, 0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30];
const round = (x: number, places: number) => Number(x.toFixed(places));

export const fairValueRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/yield-curve',
    summary: "A family's fair-value curve: Nelson-Siegel-Svensson parameters, fitted points and fit error",
    tag: ANALYTICS_TAG,
    access: 'authenticated',
    request: { query: familyQuery },
    responses: {
      200: { description: 'The curve fitted now', schema: curveSchema },
      409: { description: 'Too little data and no reference curve loaded' },
    },
    async handler({ query, deps }) {
      const s = await familyCurveNow(deps, query.family);
      const codes = new Map(s.bonds.map((b) => [b.id, b.code]));
      const count = (kind: string) => s.observations.filter((o) => o.kind === kind).length;
      return {
        body: {
          family: s.family,
          as_of: s.asOf.toISOString(),
          settlement_date: s.settlementDate,
          source: s.curve.source,
          reference_curve: s.reference,
          parameters: s.curve.parameters,
          fit_error_bp: s.curve.fitErrorBp === null ? null : round(s.curve.fitErrorBp, 4),
          shift_bp: round(s.curve.shiftBp, 4),
          observation_counts: {
            trades: count('TRADE'),
            quotes: count('QUOTE'),
            references: count('REFERENCE'),
          },
          points: CURVE_TENORS.map((t) => ({ tenor_years: t, yield_pct: round(s.curve.yieldAt(t), 4) })),
          observations: s.observations.map((o, i) => ({
            bond_id: codes.get(o.bondId)!,
            kind: o.kind,
            maturity_years: round(o.maturityYears, 4),
            yield_pct: round(o.yieldPct, 4),
            weight: round(o.weight, 6),
            residual_bp: round(s.curve.residualsBp[i]!, 4),
            robust_weight: round(s.curve.robustWeights[i]!, 4),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/fair-value/{bond_id}',
    summary:
      'Fair yield and price of a bond on its family curve, rich/cheap against the last trade and the mid',
    tag: ANALYTICS_TAG,
    access: 'authenticated',
    request: { params: z.object({ bond_id: bondIdField }) },
    responses: {
      200: { description: 'Fair value now', schema: fairValueSchema },
      404: { description: 'No such bond' },
      409: { description: 'Matured, or no curve can be drawn' },
    },
    async handler({ params, deps }) {
      const row = (
        await deps.pg.query(
          'select id, bond_type::text, rating from bonds where isin = upper($1) or code = upper($1)',
          [params.bond_id],
        )
      ).rows[0];
      if (!row) throw problems.notFound(`Bond ${params.bond_id}`);
      const family = curveFamilyOf(row.bond_type as BondType, row.rating);
      const s = await familyCurveNow(deps, family);
      const bond = s.bonds.find((b) => b.id === row.id);
      if (!bond)
        throw problems.conflict('matured', `Bond ${params.bond_id} has matured: it has no fair value`);
      const fair = fairValueOf(s, bond);
      const marketPoint = (price: number) => {
        const yieldPct = bondYieldAt(bond.terms, s.settlementDate, price);
        return {
          price: new Decimal(price).toFixed(4),
          yield_pct: round(yieldPct, 4),
          rich_cheap_bp: round(richCheapBp(yieldPct, fair.fairYieldPct), 2),
        };
      };
      const last = (
        await deps.pg.query(
          'select price::text, executed_at from trades where bond_id = $1 order by executed_at desc, sequence desc limit 1',
          [bond.id],
        )
      ).rows[0];
      const [touch] = await readTouches(deps, [bond]);
      return {
        body: {
          bond_id: bond.code,
          isin: bond.isin,
          family,
          as_of: s.asOf.toISOString(),
          settlement_date: s.settlementDate,
          maturity_years: round(fair.maturityYears, 4),
          fair_yield_pct: round(fair.fairYieldPct, 4),
          fair_price: new Decimal(fair.fairPrice).toFixed(4),
          pv01: round(fair.pv01, 6),
          curve_source: s.curve.source,
          last_trade: last
            ? { ...marketPoint(Number(last.price)), executed_at: (last.executed_at as Date).toISOString() }
            : null,
          mid: touch ? marketPoint((touch.bid + touch.ask) / 2) : null,
        },
      };
    },
  }),
];
