import { z } from 'zod';
import { Holiday } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { loadBusinessCalendar, replaceHolidays } from '../../../db/calendar/holiday-store';
import { parseHolidayCsv } from '../../../domain/calendar/holiday-csv';
import { SETTLEMENT_SYSTEMS } from '../../../domain/calendar/settlement-systems';
import { BOND_TYPES } from '../../../domain/reference-data/bond-types';
import { settlementSystemOf } from '../../../domain/calendar/settlement-systems';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';

const TAG = 'Calendars';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');
const systemParams = z.object({ settlement_system: z.enum(SETTLEMENT_SYSTEMS) });

const holidaySchema = z.object({ date: z.string(), name: z.string() }).meta({ id: 'Holiday' });

export const calendarRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/calendars',
    summary: 'Settlement systems and the bond types that settle in each',
    tag: TAG,
    access: 'authenticated',
    responses: {
      200: {
        description: 'The systems',
        schema: z.object({
          items: z.array(z.object({ settlement_system: z.string(), bond_types: z.array(z.string()) })),
        }),
      },
    },
    async handler() {
      return {
        body: {
          items: SETTLEMENT_SYSTEMS.map((system) => ({
            settlement_system: system,
            bond_types: BOND_TYPES.filter((t) => settlementSystemOf(t) === system),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/calendars/{settlement_system}/holidays',
    summary: "A settlement system's holidays (weekends are never listed: they are never business days)",
    tag: TAG,
    access: 'authenticated',
    request: {
      params: systemParams,
      query: z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() }),
    },
    responses: {
      200: { description: 'Holidays in date order', schema: z.object({ items: z.array(holidaySchema) }) },
    },
    async handler({ params, query, deps }) {
      const rows = await deps.orm.em.fork().find(
        Holiday,
        {
          settlementSystem: params.settlement_system,
          ...(query.year ? { date: { $gte: `${query.year}-01-01`, $lte: `${query.year}-12-31` } } : {}),
        },
        { orderBy: { date: 'asc' } },
      );
      return { body: { items: rows.map((h) => ({ date: h.date, name: h.name })) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/calendars/{settlement_system}/holidays',
    summary: "Load holidays from CSV (`date,name`); each year in the file replaces that year's list",
    tag: TAG,
    access: ['ADMIN'],
    request: { params: systemParams, body: z.string().min(1, 'is required'), bodyType: 'text/csv' },
    responses: {
      200: {
        description: 'Loaded',
        schema: z.object({
          settlement_system: z.string(),
          years: z.array(z.number()),
          loaded: z.number(),
          removed: z.number(),
        }),
      },
    },
    async handler({ params, body, req, deps }) {
      const holidays = parseHolidayCsv(body);
      const result = await deps.orm.em.fork().transactional(async (em) => {
        const result = await replaceHolidays(em, params.settlement_system, holidays, req.principal!.userId);
        appendAudit(em, {
          action: 'HOLIDAYS_LOADED',
          subjectType: 'calendar',
          subjectId: params.settlement_system,
          ...auditActor(req),
          details: { ...result },
        });
        return result;
      });
      return { body: { settlement_system: params.settlement_system, ...result } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/calendars/{settlement_system}/settlement-date',
    summary: 'The settlement date of a trade date: T+n business days of that system',
    tag: TAG,
    access: 'authenticated',
    request: {
      params: systemParams,
      query: z.object({ trade_date: isoDate, days: z.coerce.number().int().min(0).max(30).default(1) }),
    },
    responses: {
      200: {
        description: 'The date',
        schema: z.object({ trade_date: z.string(), days: z.number(), settlement_date: z.string() }),
      },
    },
    async handler({ params, query, deps }) {
      const calendar = await loadBusinessCalendar(deps.orm.em.fork(), params.settlement_system);
      return {
        body: {
          trade_date: query.trade_date,
          days: query.days,
          settlement_date: calendar.settlementDate(query.trade_date, query.days),
        },
      };
    },
  }),
];
