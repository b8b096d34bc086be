import { z } from 'zod';
import { appendAudit } from '../../../db/audit-log';
import { loadCurve } from '../../../db/market-data/load-curve';
import { riskCurve } from '../../../db/market-data/risk-curve';
import { MalformedCurveCsvError, parseCurveCsv } from '../../../domain/market-data';
import { KEY_RATE_MONTHS } from '../../../domain/portfolios/risk-factor-history';
import { requestAutomaticRecompute } from '../../../platform/queues';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { riskQueue } from '../risk-portfolios/risk-queue';

export const RISK_OPERATIONS_TAG = 'Risk operations';

const uploadBody = z
  .object({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'upper-case letters, digits and _, 2 to 32 characters')
      .meta({ example: 'INR_GSEC_PAR' }),
    name: z.string().trim().min(1).max(200),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as INR'),
    source: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .meta({ description: 'Publisher and series, for anyone relying on it' }),
    description: z.string().trim().max(2000).optional(),
    is_stand_in: z.boolean().default(false).meta({
      description: 'false: a real history, which risk runs use from now on; true: kept but not preferred',
    }),
    csv: z
      .string()
      .min(1)
      .meta({
        description:
          'The history: a header `date,<tenor>...` (tenors such as 1 Mo, 6M, 1Y, 10 Yr in ascending order) then one ' +
          'line per date `YYYY-MM-DD` with percent yields (at most 4 decimals) or empty cells where none was published. ' +
          'Must include the 1Y 2Y 5Y 10Y 30Y key rates.',
      }),
  })
  .meta({ id: 'CurveUpload' });

const uploadResult = z
  .object({
    code: z.string(),
    dates: z.number().int(),
    points: z.number().int(),
    written: z.number().int(),
    deleted: z.number().int(),
    used_for_risk: z
      .boolean()
      .meta({ description: 'Whether risk runs now take their history from this curve' }),
    recompute_requested: z
      .number()
      .int()
      .meta({ description: 'Portfolios queued for automatic recomputation' }),
  })
  .meta({ id: 'CurveUploadResult' });

export const curveUploadRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/market-data/curves',
    summary: 'Load (or reload) a yield-curve history from CSV and recompute every portfolio',
    tag: RISK_OPERATIONS_TAG,
    access: ['ADMIN'],
    request: { body: uploadBody },
    responses: {
      201: {
        description:
          "Loaded: the curve now holds exactly the CSV's non-empty cells (gaps stay gaps; an unchanged reload writes " +
          'nothing). The newest non-stand-in curve drives risk runs; the shipped UST_PAR stands in until one is loaded.',
        schema: uploadResult,
      },
      422: { description: 'Validation failed; a malformed CSV names its line and column' },
    },
    async handler({ body, req, deps }) {
      let history;
      try {
        history = parseCurveCsv(body.csv);
      } catch (err) {
        if (err instanceof MalformedCurveCsvError) {
          throw problems.validation([{ field: 'csv', message: err.message }]);
        }
        throw err;
      }
      const months = history.tenors.map((t) => t.months);
      const missing = KEY_RATE_MONTHS.filter((m) => !months.includes(m));
      if (missing.length) {
        throw problems.validation([
          {
            field: 'csv',
            message: `the key-rate tenors ${missing.map((m) => `${m / 12}Y`).join(', ')} are missing`,
          },
        ]);
      }
      const em = deps.orm.em.fork();
      const loaded = await loadCurve(
        em,
        {
          code: body.code,
          name: body.name,
          currency: body.currency,
          source: body.source,
          description: body.description ?? null,
          isStandIn: body.is_stand_in,
        },
        history,
        req.log,
      );
      appendAudit(em, {
        action: 'YIELD_CURVE_LOADED',
        subjectType: 'yield_curve',
        subjectId: body.code,
        ...auditActor(req),
        details: {
          dates: loaded.dates,
          points: loaded.points,
          written: loaded.written,
          deleted: loaded.deleted,
        },
      });
      await em.flush();
      const portfolios = await em
        .getConnection()
        .execute<{ portfolio_id: number }[]>(
          'select distinct portfolio_id from positions order by portfolio_id',
        );
      for (const p of portfolios)
        await requestAutomaticRecompute(riskQueue(deps), p.portfolio_id, 'MARKET_DATA');
      const used = await riskCurve(em);
      return {
        status: 201,
        body: {
          code: body.code,
          dates: loaded.dates,
          points: loaded.points,
          written: loaded.written,
          deleted: loaded.deleted,
          used_for_risk: used?.code === body.code,
          recompute_requested: portfolios.length,
        },
      };
    },
  }),
];
