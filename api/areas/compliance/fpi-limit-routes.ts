import { z } from 'zod';
import { appendAudit } from '../../../db/audit-log';
import { istDayRange } from '../../../activities/compliance/report-data';
import { emRunner, loadFpiLimitsInForce } from '../../../db/compliance/fpi-limits';
import { currentUtilisedPaise } from '../../../domain/compliance/regulatory-checks';
import { parseFpiLimitsCsv } from '../../../domain/compliance/reporting';
import { istDate } from '../../../domain/compliance/reports/report-values';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { COMPLIANCE_TAG } from './compliance-access';

const limitSchema = z.object({
  category: z.string(),
  as_of: z.string().meta({ description: 'The publication date of the figures in force' }),
  limit_paise: z.string().nullable(),
  published_utilised_paise: z.string(),
  bondx_net_since_paise: z.string().meta({
    description:
      "BondX's net FPI purchases (trades and allotments) from the publication date to the day's end",
  }),
  utilised_paise: z.string().meta({ description: 'Published utilisation plus BondX net purchases since' }),
  free_paise: z.string().nullable(),
});

export const fpiLimitRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/fpi-limits',
    summary:
      'Load the RBI\u2019s published FPI national limits and utilisation (CSV as_of,category,limit_crore,utilised_crore)',
    tag: COMPLIANCE_TAG,
    access: ['ADMIN'],
    request: { body: z.string().min(1, 'is required'), bodyType: 'text/csv' },
    responses: {
      200: { description: 'Loaded', schema: z.object({ loaded: z.number(), dates: z.array(z.string()) }) },
    },
    async handler({ body, req, deps, principal }) {
      const rows = parseFpiLimitsCsv(body);
      await deps.orm.em.fork().transactional(async (em) => {
        const conn = em.getConnection();
        for (const r of rows)
          await conn.execute(
            `insert into fpi_national_limits (as_of, category, limit_paise, utilised_paise, uploaded_by)
             values (?, ?, ?, ?, ?)
             on conflict (as_of, category) do update
               set limit_paise = excluded.limit_paise, utilised_paise = excluded.utilised_paise,
                   uploaded_by = excluded.uploaded_by, uploaded_at = now()`,
            [
              r.asOf,
              r.category,
              r.limitPaise?.toString() ?? null,
              r.utilisedPaise.toString(),
              principal.userId,
            ],
          );
        appendAudit(em, {
          action: 'FPI_LIMITS_LOADED',
          subjectType: 'fpi_limits',
          ...auditActor(req),
          details: {
            rows: rows.map((r) => ({
              as_of: r.asOf,
              category: r.category,
              limit_paise: r.limitPaise?.toString() ?? null,
              utilised_paise: r.utilisedPaise.toString(),
            })),
          },
        });
      });
      return { body: { loaded: rows.length, dates: [...new Set(rows.map((r) => r.asOf))].sort() } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/fpi-limits',
    summary:
      'The FPI national limits in force on a day (the latest published figures of each category), with BondX\u2019s FPI flows since',
    tag: COMPLIANCE_TAG,
    access: ['COMPLIANCE_OFFICER', 'ADMIN'],
    request: {
      query: z.object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
          .optional(),
      }),
    },
    responses: {
      200: { description: 'Limits', schema: z.object({ date: z.string(), items: z.array(limitSchema) }) },
    },
    async handler({ query, deps }) {
      const date = query.date ?? istDate(new Date());
      const limits = await loadFpiLimitsInForce(emRunner(deps.orm.em.fork()), date, istDayRange(date).to);
      return {
        body: {
          date,
          items: limits.map((l) => ({
            category: l.category,
            as_of: l.asOf,
            limit_paise: l.limitPaise?.toString() ?? null,
            published_utilised_paise: l.utilisedPaise.toString(),
            bondx_net_since_paise: (l.bondxNetSincePaise ?? 0n).toString(),
            utilised_paise: currentUtilisedPaise(l).toString(),
            free_paise: l.limitPaise === null ? null : (l.limitPaise - currentUtilisedPaise(l)).toString(),
          })),
        },
      };
    },
  }),
];
