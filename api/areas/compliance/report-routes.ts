import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Request } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import { startReportRun } from '../../../activities/compliance/report-runs';
import { ReportRun, REPORT_RUN_STATUSES } from '../../../db/entities';
import { REPORT_TYPES } from '../../../domain/compliance/reporting';
import type { AppDeps } from '../../app-deps';
import { problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { COMPLIANCE_OFFICERS, COMPLIANCE_TAG } from './compliance-access';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'must be a real date',
  );

export const reportRunJson = (r: ReportRun) => ({
  report_run_id: r.id,
  report_type: r.reportType,
  period: r.period,
  version: r.version,
  workflow_id: r.workflowId,
  status: r.status,
  reason: r.reason ?? null,
  triggered_by: {
    kind: r.triggerKind,
    user_id: r.triggeredByUserId ?? null,
    schedule_id: r.scheduleId ?? null,
  },
  parameters: r.parameters,
  progress: r.progress ?? null,
  row_counts: r.rowCounts ?? null,
  control_totals: r.controlTotals ?? null,
  artifacts: (r.artifacts ?? []).map((a) => ({
    name: a.name,
    format: a.format,
    bytes: a.bytes,
    sha256: a.sha256,
    storage_path: a.path,
    download: `/api/v1/compliance/reports/${r.id}/download?format=${a.format}`,
  })),
  delivery: r.delivery ?? null,
  error: r.error ?? null,
  created_at: r.createdAt.toISOString(),
  completed_at: r.completedAt?.toISOString() ?? null,
});

const reportRunSchema = z
  .object({
    report_run_id: z.number(),
    report_type: z.enum(REPORT_TYPES),
    period: z.string(),
    version: z.number(),
    workflow_id: z.string(),
    status: z.enum(REPORT_RUN_STATUSES),
    reason: z.string().nullable(),
    triggered_by: z.object({
      kind: z.enum(['USER', 'SCHEDULE', 'BACKFILL']),
      user_id: z.number().nullable(),
      schedule_id: z.string().nullable(),
    }),
    parameters: z.record(z.string(), z.unknown()),
    progress: z.record(z.string(), z.unknown()).nullable(),
    row_counts: z.record(z.string(), z.number()).nullable(),
    control_totals: z.record(z.string(), z.unknown()).nullable(),
    artifacts: z.array(
      z.object({
        name: z.string(),
        format: z.enum(['csv', 'json']),
        bytes: z.number(),
        sha256: z.string(),
        storage_path: z.string(),
        download: z.string(),
      }),
    ),
    delivery: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .meta({ id: 'ReportRun' });

/** Report parameters: the policy corridor rates may be overridden for an ad-hoc run. */
const rate = z.string().regex(/^\d{1,2}(\.\d{1,4})?$/, 'must be a rate in percent with at most 4 decimals');
const parametersSchema = z
  .object({ sdf: rate.optional(), repo: rate.optional(), msf: rate.optional() })
  .strict();

const idParams = z.object({ report_run_id: z.coerce.number().int().positive() });

async function loadRun(deps: AppDeps, id: number) {
  const run = await deps.orm.em.fork().findOne(ReportRun, id);
  if (!run) throw problems.notFound('Report run');
  return run;
}

const runDeps = (deps: AppDeps) => ({
  orm: deps.orm,
  temporal: deps.temporal,
  taskQueue: deps.config.temporal.taskQueue,
});

const userTrigger = (req: Request) => {
  const a = auditActor(req);
  return {
    kind: 'USER' as const,
    userId: a.actorUserId,
    participantId: a.actorParticipantId,
    requestId: a.requestId,
  };
};

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/reports',
    summary:
      'Report runs, newest first, with who or what triggered them, row counts, control totals and artifact hashes',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      query: pageQuery.extend({
        report_type: z.enum(REPORT_TYPES).optional(),
        status: z.enum(REPORT_RUN_STATUSES).optional(),
        period_from: isoDay.optional(),
        period_to: isoDay.optional(),
      }),
    },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(reportRunSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const period = {
        ...(query.period_from ? { $gte: query.period_from } : {}),
        ...(query.period_to ? { $lte: query.period_to } : {}),
      };
      const where: FilterQuery<ReportRun> = {
        ...cursorFilter(query.cursor),
        ...(query.report_type ? { reportType: query.report_type } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(Object.keys(period).length ? { period } : {}),
      };
      const rows = await deps.orm.em
        .fork()
        .find(ReportRun, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
      return { body: page(rows, query.limit, reportRunJson) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/reports',
    summary:
      'Start a report for a period (ad hoc, with parameters); the period already run answers 200 with that run',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      body: z.object({
        report_type: z.enum(REPORT_TYPES),
        period: isoDay,
        parameters: parametersSchema.default({}),
      }),
    },
    responses: {
      201: { description: 'Started', schema: reportRunSchema },
      200: { description: 'The period already has a run', schema: reportRunSchema },
    },
    async handler({ body, req, deps }) {
      const { run, created } = await startReportRun(runDeps(deps), {
        reportType: body.report_type,
        period: body.period,
        parameters: body.parameters,
        trigger: userTrigger(req),
      });
      return {
        status: created ? 201 : 200,
        body: reportRunJson(run),
        headers: { Location: `/api/v1/compliance/reports/${run.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/reports/{report_run_id}',
    summary: 'One report run with its progress while it runs',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams },
    responses: {
      200: { description: 'The run', schema: reportRunSchema },
      404: { description: 'Not found' },
    },
    async handler({ params, deps }) {
      return { body: reportRunJson(await loadRun(deps, params.report_run_id)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/reports/{report_run_id}/rerun',
    summary:
      'Re-run the report of that run\u2019s period as a new version (report-<type>-<period>-v<n>); the old runs stay',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      params: idParams,
      body: z.object({ reason: z.string().trim().min(1).max(2000), parameters: parametersSchema.optional() }),
    },
    responses: {
      201: { description: 'Started', schema: reportRunSchema },
      404: { description: 'Not found' },
    },
    async handler({ params, body, req, deps }) {
      const previous = await loadRun(deps, params.report_run_id);
      const { run } = await startReportRun(runDeps(deps), {
        reportType: previous.reportType as (typeof REPORT_TYPES)[number],
        period: previous.period,
        parameters: body.parameters ?? previous.parameters,
        reason: body.reason,
        trigger: userTrigger(req),
      });
      return {
        status: 201,
        body: reportRunJson(run),
        headers: { Location: `/api/v1/compliance/reports/${run.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/reports/{report_run_id}/download',
    summary: 'A stored artifact of the run (CSV by default), with its SHA-256 in X-Content-SHA256',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams, query: z.object({ format: z.enum(['csv', 'json']).default('csv') }) },
    responses: {
      200: { description: 'The artifact', contentType: 'text/csv' },
      404: { description: 'No such run or artifact (yet)' },
    },
    async handler({ params, query, res, deps }) {
      const run = await loadRun(deps, params.report_run_id);
      const artifact = run.artifacts?.find((a) => a.format === query.format);
      if (!artifact) throw problems.notFound(`A ${query.format} artifact of report run ${run.id}`);
      await stat(artifact.path).catch(() => {
        throw problems.notFound(`The stored file of report run ${run.id}`);
      });
      res.status(200);
      res.setHeader(
        'content-type',
        artifact.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      );
      res.setHeader('content-disposition', `attachment; filename="${run.workflowId}-${artifact.name}"`);
      res.setHeader('x-content-sha256', artifact.sha256);
      await new Promise<void>((resolve, reject) => {
        createReadStream(artifact.path)
          .on('error', reject)
          .pipe(res)
          .on('finish', resolve)
          .on('error', reject);
      });
    },
  }),
];
