import { z } from 'zod';
import type { Request } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openComplianceException } from '../../../activities/compliance/open-exception';
import { changeException, type ExceptionChange } from '../../../db/compliance/exception-records';
import { ComplianceException, type ComplianceExceptionComment } from '../../../db/entities';
import {
  EXCEPTION_KINDS,
  EXCEPTION_SEVERITIES,
  EXCEPTION_STATUSES,
  ExceptionStateError,
} from '../../../domain/compliance/exception-lifecycle';
import {
  exceptionAcknowledged,
  exceptionResolved,
  exceptionWorkflowId,
} from '../../../workflows/compliance/exception-messages';
import type { AppDeps } from '../../app-deps';
import { problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { COMPLIANCE_OFFICERS, COMPLIANCE_TAG } from './compliance-access';

const commentJson = (c: ComplianceExceptionComment) => ({
  comment_id: c.id,
  author_user_id: c.authorUserId,
  body: c.body,
  created_at: c.createdAt.toISOString(),
});

const exceptionJson = (e: ComplianceException, withComments = false) => ({
  exception_id: e.id,
  kind: e.kind,
  severity: e.severity,
  status: e.status,
  title: e.title,
  description: e.description,
  evidence: e.evidence,
  owner_user_id: e.ownerUserId ?? null,
  ack_sla_seconds: e.ackSlaSeconds,
  ack_due_at: e.ackDueAt.toISOString(),
  opened_at: e.openedAt.toISOString(),
  acknowledged_at: e.acknowledgedAt?.toISOString() ?? null,
  acknowledged_by: e.acknowledgedBy ?? null,
  resolved_at: e.resolvedAt?.toISOString() ?? null,
  resolved_by: e.resolvedBy ?? null,
  resolution: e.resolution ?? null,
  escalation_level: e.escalationLevel,
  escalated_at: e.escalatedAt?.toISOString() ?? null,
  workflow_id: exceptionWorkflowId(e.id),
  ...(withComments ? { comments: e.comments.getItems().map(commentJson) } : {}),
});

const commentSchema = z.object({
  comment_id: z.number(),
  author_user_id: z.number(),
  body: z.string(),
  created_at: z.string(),
});

const exceptionSchema = z
  .object({
    exception_id: z.number(),
    kind: z.enum(EXCEPTION_KINDS),
    severity: z.enum(EXCEPTION_SEVERITIES),
    status: z.enum(EXCEPTION_STATUSES),
    title: z.string(),
    description: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    owner_user_id: z.number().nullable(),
    ack_sla_seconds: z.number(),
    ack_due_at: z.string(),
    opened_at: z.string(),
    acknowledged_at: z.string().nullable(),
    acknowledged_by: z.number().nullable(),
    resolved_at: z.string().nullable(),
    resolved_by: z.number().nullable(),
    resolution: z.string().nullable(),
    escalation_level: z.number(),
    escalated_at: z.string().nullable(),
    workflow_id: z.string(),
    comments: z.array(commentSchema).optional(),
  })
  .meta({ id: 'ComplianceException' });

const idParams = z.object({ exception_id: z.coerce.number().int().positive() });

async function loadException(em: EntityManager, id: number) {
  const e = await em.findOne(ComplianceException, id, { populate: ['comments'] });
  if (!e) throw problems.notFound('Exception');
  return e;
}

/** Applies one step, commits it with its audit entry, then tells the SLA workflow. */
async function act(deps: AppDeps, req: Request, id: number, change: ExceptionChange) {
  const em = deps.orm.em.fork();
  const e = await loadException(em, id);
  try {
    changeException(em, e, change, auditActor(req));
  } catch (err) {
    if (err instanceof ExceptionStateError) throw problems.conflict('exception-state', err.message);
    throw err;
  }
  await em.flush();
  const signal =
    change.action === 'ACKNOWLEDGE'
      ? exceptionAcknowledged
      : change.action === 'RESOLVE'
        ? exceptionResolved
        : null;
  if (signal) {
    await deps.temporal.workflow
      .getHandle(exceptionWorkflowId(e.id))
      .signal(signal)
      .catch((err) => req.log.warn({ err, exception_id: e.id }, 'exception workflow not signalled'));
  }
  return { body: exceptionJson(e, true) };
}

export const exceptionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/exceptions',
    summary: 'Compliance exceptions, newest first',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      query: pageQuery.extend({
        status: z.enum(EXCEPTION_STATUSES).optional(),
        kind: z.enum(EXCEPTION_KINDS).optional(),
        severity: z.enum(EXCEPTION_SEVERITIES).optional(),
      }),
    },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(exceptionSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const where: FilterQuery<ComplianceException> = {
        ...cursorFilter(query.cursor),
        ...(query.status ? { status: query.status } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.severity ? { severity: query.severity } : {}),
      };
      const rows = await deps.orm.em
        .fork()
        .find(ComplianceException, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
      return { body: page(rows, query.limit, (e) => exceptionJson(e)) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/exceptions',
    summary: 'Open an exception by hand (detectors call openComplianceException)',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      body: z.object({
        kind: z.enum(EXCEPTION_KINDS),
        severity: z.enum(EXCEPTION_SEVERITIES),
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().min(1).max(10_000),
        evidence: z.record(z.string(), z.unknown()).default({}),
        ack_sla_seconds: z
          .number()
          .int()
          .min(1)
          .max(30 * 24 * 3600)
          .optional(),
      }),
    },
    responses: { 201: { description: 'Opened', schema: exceptionSchema } },
    async handler({ body, req, deps }) {
      const { exception } = await openComplianceException(
        { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue },
        {
          kind: body.kind,
          severity: body.severity,
          title: body.title,
          description: body.description,
          evidence: body.evidence,
          ackSlaSeconds: body.ack_sla_seconds,
        },
        auditActor(req),
      );
      return {
        status: 201,
        body: exceptionJson(exception),
        headers: { Location: `/api/v1/compliance/exceptions/${exception.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/exceptions/{exception_id}',
    summary: 'One exception with its comments',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams },
    responses: {
      200: { description: 'The exception', schema: exceptionSchema },
      404: { description: 'Not found' },
    },
    async handler({ params, deps }) {
      return { body: exceptionJson(await loadException(deps.orm.em.fork(), params.exception_id), true) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/exceptions/{exception_id}/acknowledge',
    summary: 'Acknowledge an OPEN exception and take (or assign) ownership; stops its escalation',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      params: idParams,
      body: z.object({ owner_user_id: z.number().int().positive().optional() }).default({}),
    },
    responses: {
      200: { description: 'Acknowledged', schema: exceptionSchema },
      404: { description: 'Not found' },
      409: { description: 'Not OPEN' },
    },
    async handler({ params, body, principal, req, deps }) {
      return act(deps, req, params.exception_id, {
        action: 'ACKNOWLEDGE',
        ownerUserId: body.owner_user_id ?? principal.userId,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/exceptions/{exception_id}/comments',
    summary: 'Comment on an unresolved exception',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams, body: z.object({ body: z.string().trim().min(1).max(10_000) }) },
    responses: {
      201: { description: 'Commented', schema: exceptionSchema },
      404: { description: 'Not found' },
      409: { description: 'Resolved' },
    },
    async handler({ params, body, req, deps }) {
      return {
        status: 201,
        ...(await act(deps, req, params.exception_id, { action: 'COMMENT', body: body.body })),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/exceptions/{exception_id}/resolve',
    summary: 'Resolve an ACKNOWLEDGED exception with the resolution and any further evidence',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      params: idParams,
      body: z.object({
        resolution: z.string().trim().min(1).max(10_000),
        evidence: z.record(z.string(), z.unknown()).optional(),
      }),
    },
    responses: {
      200: { description: 'Resolved', schema: exceptionSchema },
      404: { description: 'Not found' },
      409: { description: 'Not ACKNOWLEDGED' },
    },
    async handler({ params, body, req, deps }) {
      return act(deps, req, params.exception_id, {
        action: 'RESOLVE',
        resolution: body.resolution,
        evidence: body.evidence,
      });
    },
  }),
];
