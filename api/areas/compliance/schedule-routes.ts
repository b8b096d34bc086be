import { z } from 'zod';
import type { Request } from 'express';
import { ScheduleNotFoundError } from '@temporalio/client';
import {
  createReportSchedule,
  isReportSchedule,
  scheduleJson,
} from '../../../activities/compliance/report-schedules';
import { appendAudit } from '../../../db/audit-log';
import { ReportScheduleAction } from '../../../db/entities';
import { REPORT_SCHEDULE_PREFIX, REPORT_TYPES } from '../../../domain/compliance/reporting';
import type { AppDeps } from '../../app-deps';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { COMPLIANCE_OFFICERS, COMPLIANCE_TAG } from './compliance-access';

const scheduleSchema = z
  .object({
    schedule_id: z.string(),
    report_type: z.string().nullable(),
    cron: z.string().nullable(),
    paused: z.boolean(),
    note: z.string().nullable(),
    next_action_times: z.array(z.string()),
    recent_actions: z.array(
      z.object({ scheduled_at: z.string(), taken_at: z.string(), workflow_id: z.string() }),
    ),
  })
  .meta({ id: 'ReportSchedule' });

const idParams = z.object({
  schedule_id: z
    .string()
    .regex(/^reports-[a-z0-9-]{1,100}$/, `must be a report schedule id (${REPORT_SCHEDULE_PREFIX}...)`),
});

/** Five fields, each of digits, `*`, ranges, steps and lists: what Temporal's cron accepts. */
const cron = z
  .string()
  .trim()
  .regex(/^([0-9*,/-]+\s+){4}[0-9*,/-]+$/, 'must be a five-field cron expression (UTC), e.g. "15 18 * * *"');

async function describe(deps: AppDeps, scheduleId: string) {
  try {
    return await deps.temporal.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw problems.notFound('Schedule');
    throw err;
  }
}

async function audit(
  deps: AppDeps,
  req: Request,
  action: string,
  scheduleId: string,
  details: Record<string, unknown>,
) {
  const em = deps.orm.em.fork();
  appendAudit(em, {
    action,
    subjectType: 'report_schedule',
    subjectId: scheduleId,
    ...auditActor(req),
    details,
  });
  await em.flush();
}

const reasonBody = z.object({ reason: z.string().trim().min(1).max(2000) });

export const scheduleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/schedules',
    summary: 'The report schedules (Temporal Schedules) with their next and recent runs',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    responses: {
      200: { description: 'Every report schedule', schema: z.object({ items: z.array(scheduleSchema) }) },
    },
    async handler({ deps }) {
      const items = [];
      for await (const s of deps.temporal.schedule.list())
        if (isReportSchedule(s.scheduleId)) items.push(scheduleJson(await describe(deps, s.scheduleId)));
      items.sort((a, b) => a.schedule_id.localeCompare(b.schedule_id));
      return { body: { items } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/schedules/{schedule_id}',
    summary: 'One report schedule',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams },
    responses: {
      200: { description: 'The schedule', schema: scheduleSchema },
      404: { description: 'Not found' },
    },
    async handler({ params, deps }) {
      return { body: scheduleJson(await describe(deps, params.schedule_id)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/schedules',
    summary: 'Create a report schedule: a cron (UTC) firing the launcher of a report type',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      body: z.object({
        name: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be lower-case letters, digits and dashes'),
        report_type: z.enum(REPORT_TYPES),
        cron,
        note: z.string().max(500).optional(),
      }),
    },
    responses: {
      201: { description: 'Created', schema: scheduleSchema },
      409: { description: 'The id is taken' },
    },
    async handler({ body, req, deps }) {
      const scheduleId = `${REPORT_SCHEDULE_PREFIX}${body.name}`;
      const created = await createReportSchedule(deps.temporal, deps.config.temporal.taskQueue, {
        scheduleId,
        reportType: body.report_type,
        cron: body.cron,
        note: body.note,
      });
      if (!created) throw problems.conflict('schedule-exists', `Schedule ${scheduleId} already exists.`);
      await audit(deps, req, 'REPORT_SCHEDULE_CREATED', scheduleId, {
        report_type: body.report_type,
        cron: body.cron,
      });
      return {
        status: 201,
        body: scheduleJson(await describe(deps, scheduleId)),
        headers: { Location: `/api/v1/compliance/schedules/${scheduleId}` },
      };
    },
  }),
  ...(['pause', 'resume'] as const).map((verb) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/compliance/schedules/{schedule_id}/${verb}`,
      summary: verb === 'pause' ? 'Pause a report schedule' : 'Resume a paused report schedule',
      tag: COMPLIANCE_TAG,
      access: COMPLIANCE_OFFICERS,
      request: { params: idParams, body: z.object({ note: z.string().max(500).optional() }).default({}) },
      responses: { 200: { description: 'Done', schema: scheduleSchema }, 404: { description: 'Not found' } },
      async handler({ params, body, req, deps }) {
        const before = await describe(deps, params.schedule_id);
        const handle = deps.temporal.schedule.getHandle(params.schedule_id);
        await (verb === 'pause' ? handle.pause(body.note) : handle.unpause(body.note));
        await audit(
          deps,
          req,
          verb === 'pause' ? 'REPORT_SCHEDULE_PAUSED' : 'REPORT_SCHEDULE_RESUMED',
          params.schedule_id,
          {
            before: { paused: before.state.paused },
            after: { paused: verb === 'pause' },
            note: body.note ?? null,
          },
        );
        return { body: scheduleJson(await describe(deps, params.schedule_id)) };
      },
    }),
  ),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/schedules/{schedule_id}/trigger',
    summary: 'Fire a report schedule now; a period that already has a run gets a new version with the reason',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams, body: reasonBody },
    responses: {
      202: { description: 'Fired', schema: z.object({ action_id: z.number() }) },
      404: { description: 'Not found' },
    },
    async handler({ params, body, req, deps, principal }) {
      await describe(deps, params.schedule_id);
      const em = deps.orm.em.fork();
      const action = em.create(ReportScheduleAction, {
        scheduleId: params.schedule_id,
        action: 'TRIGGER',
        reason: body.reason,
        requestedBy: principal.userId,
      });
      appendAudit(em, {
        action: 'REPORT_SCHEDULE_TRIGGERED',
        subjectType: 'report_schedule',
        subjectId: params.schedule_id,
        ...auditActor(req),
        details: { reason: body.reason },
      });
      await em.flush();
      await deps.temporal.schedule.getHandle(params.schedule_id).trigger('ALLOW_ALL');
      return { status: 202, body: { action_id: action.id } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/schedules/{schedule_id}/backfill',
    summary:
      'Run the schedule for every time it would have fired in [from, to]; periods already run get new versions',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      params: idParams,
      body: reasonBody
        .extend({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
        .refine((b) => Date.parse(b.from) < Date.parse(b.to), { path: ['to'], message: 'must be after from' })
        .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= 366 * 86_400_000, {
          path: ['to'],
          message: 'a backfill covers at most a year',
        }),
    },
    responses: {
      202: { description: 'Backfilling', schema: z.object({ action_id: z.number() }) },
      404: { description: 'Not found' },
    },
    async handler({ params, body, req, deps, principal }) {
      await describe(deps, params.schedule_id);
      const start = new Date(body.from);
      const end = new Date(body.to);
      const em = deps.orm.em.fork();
      const action = em.create(ReportScheduleAction, {
        scheduleId: params.schedule_id,
        action: 'BACKFILL',
        reason: body.reason,
        requestedBy: principal.userId,
        rangeStart: start,
        rangeEnd: end,
      });
      appendAudit(em, {
        action: 'REPORT_SCHEDULE_BACKFILLED',
        subjectType: 'report_schedule',
        subjectId: params.schedule_id,
        ...auditActor(req),
        details: { reason: body.reason, from: start.toISOString(), to: end.toISOString() },
      });
      await em.flush();
      await deps.temporal.schedule
        .getHandle(params.schedule_id)
        .backfill([{ start, end, overlap: 'ALLOW_ALL' }]);
      return { status: 202, body: { action_id: action.id } };
    },
  }),
];
