import { z } from 'zod';
import type { FilterQuery } from '@mikro-orm/core';
import { openAuditChainException } from '../../../activities/compliance/audit-chain-exception';
import { appendAudit } from '../../../db/audit-log';
import { verifyAuditChain } from '../../../db/audit/audit-verifier';
import { AuditEvent, AuditLegalHold } from '../../../db/entities';
import { AuditAnchorStore } from '../../../platform/audit-anchor-store';
import { problems } from '../../http/problem';
import { pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { AUDIT_READERS, COMPLIANCE_OFFICERS, COMPLIANCE_TAG } from './compliance-access';

const auditEventJson = (e: AuditEvent) => ({
  id: e.id,
  occurred_at: e.occurredAt.toISOString(),
  actor_user_id: e.actorUserId ?? null,
  actor_participant_id: e.actorParticipantId ?? null,
  action: e.action,
  subject_type: e.subjectType,
  subject_id: e.subjectId ?? null,
  request_id: e.requestId ?? null,
  details: e.details ?? null,
  prev_hash: e.prevHash,
  record_hash: e.recordHash,
});

const auditEventSchema = z
  .object({
    id: z.string(),
    occurred_at: z.string(),
    actor_user_id: z.number().nullable(),
    actor_participant_id: z.number().nullable(),
    action: z.string(),
    subject_type: z.string(),
    subject_id: z.string().nullable(),
    request_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    prev_hash: z.string(),
    record_hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

const auditQuery = pageQuery.extend({
  action: z.string().max(64).optional(),
  subject_type: z.string().max(32).optional(),
  subject_id: z.string().max(64).optional(),
  actor_user_id: z.coerce.number().int().positive().optional(),
  actor_participant_id: z.coerce.number().int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const breakSchema = z.object({
  id: z.string(),
  reason: z.enum(['RECORD_ALTERED', 'LINK_BROKEN', 'RECORD_MISSING']),
  expected: z.string(),
  actual: z.string(),
  detail: z.string(),
});

const verificationSchema = z
  .object({
    valid: z.boolean(),
    checked: z.number(),
    first_id: z.string().nullable(),
    head_id: z.string().nullable(),
    head_hash: z.string().nullable(),
    first_broken: breakSchema.nullable(),
    anchor: z
      .object({ head_id: z.string(), head_hash: z.string(), written_at: z.string(), matches: z.boolean() })
      .nullable(),
  })
  .meta({ id: 'AuditVerification' });

const holdJson = (h: AuditLegalHold) => ({
  hold_id: h.id,
  reason: h.reason,
  subject_type: h.subjectType ?? null,
  subject_id: h.subjectId ?? null,
  occurred_from: h.occurredFrom?.toISOString() ?? null,
  occurred_to: h.occurredTo?.toISOString() ?? null,
  created_by: h.createdBy,
  created_at: h.createdAt.toISOString(),
  released_at: h.releasedAt?.toISOString() ?? null,
  released_by: h.releasedBy ?? null,
});

const holdSchema = z
  .object({
    hold_id: z.number(),
    reason: z.string(),
    subject_type: z.string().nullable(),
    subject_id: z.string().nullable(),
    occurred_from: z.string().nullable(),
    occurred_to: z.string().nullable(),
    created_by: z.number(),
    created_at: z.string(),
    released_at: z.string().nullable(),
    released_by: z.number().nullable(),
  })
  .meta({ id: 'AuditLegalHold' });

const holdBody = z
  .object({
    reason: z.string().trim().min(1).max(500),
    subject_type: z.string().min(1).max(32).optional(),
    subject_id: z.string().min(1).max(64).optional(),
    occurred_from: z.iso.datetime({ offset: true }).optional(),
    occurred_to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => !b.occurred_from || !b.occurred_to || new Date(b.occurred_from) < new Date(b.occurred_to), {
    path: ['occurred_to'],
    message: 'must be after occurred_from',
  });

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/audit',
    summary:
      'The audit trail, newest first, with filters (chained records only; the writer lags by well under a second)',
    tag: COMPLIANCE_TAG,
    access: AUDIT_READERS,
    request: { query: auditQuery },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(auditEventSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const where: FilterQuery<AuditEvent> = {
        ...(query.cursor ? { id: { $lt: query.cursor } } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.subject_type ? { subjectType: query.subject_type } : {}),
        ...(query.subject_id ? { subjectId: query.subject_id } : {}),
        ...(query.actor_user_id ? { actorUserId: query.actor_user_id } : {}),
        ...(query.actor_participant_id ? { actorParticipantId: query.actor_participant_id } : {}),
        ...(query.from || query.to
          ? {
              occurredAt: {
                ...(query.from ? { $gte: new Date(query.from) } : {}),
                ...(query.to ? { $lt: new Date(query.to) } : {}),
              },
            }
          : {}),
      };
      const rows = await deps.orm.em
        .fork()
        .find(AuditEvent, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      return {
        body: {
          items: items.map(auditEventJson),
          next_cursor: rows.length > query.limit ? items.at(-1)!.id : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/audit/verify',
    summary:
      'Verify the hash chain from its start to its head and against the external anchor; a break opens an AUDIT_CHAIN_BROKEN exception',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    responses: {
      200: {
        description: 'The verification; first_broken names the first broken link',
        schema: verificationSchema,
      },
    },
    async handler({ req, deps }) {
      const em = deps.orm.em.fork();
      const anchor = await new AuditAnchorStore(deps.config.audit.anchorDir).latest();
      const result = await verifyAuditChain(em, anchor);
      appendAudit(em, {
        action: 'AUDIT_VERIFIED',
        subjectType: 'audit',
        ...auditActor(req),
        details: { valid: result.valid, checked: result.checked, first_broken: result.first_broken },
      });
      await em.flush();
      if (!result.valid) {
        await openAuditChainException(
          { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.temporal.taskQueue },
          result,
          auditActor(req),
        );
      }
      return { body: result };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/audit/legal-holds',
    summary: 'Legal holds on the audit trail, newest first',
    tag: COMPLIANCE_TAG,
    access: AUDIT_READERS,
    responses: { 200: { description: 'Every hold', schema: z.object({ items: z.array(holdSchema) }) } },
    async handler({ deps }) {
      const rows = await deps.orm.em.fork().find(AuditLegalHold, {}, { orderBy: { id: 'desc' } });
      return { body: { items: rows.map(holdJson) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/audit/legal-holds',
    summary: 'Place a legal hold: matching records are kept past retention until it is released',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { body: holdBody },
    responses: { 201: { description: 'Placed', schema: holdSchema } },
    async handler({ body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const hold = em.create(AuditLegalHold, {
        reason: body.reason,
        subjectType: body.subject_type ?? null,
        subjectId: body.subject_id ?? null,
        occurredFrom: body.occurred_from ? new Date(body.occurred_from) : null,
        occurredTo: body.occurred_to ? new Date(body.occurred_to) : null,
        createdBy: principal.userId,
      });
      await em.flush();
      appendAudit(em, {
        action: 'LEGAL_HOLD_PLACED',
        subjectType: 'legal_hold',
        subjectId: hold.id,
        ...auditActor(req),
        details: { after: holdJson(hold) },
      });
      await em.flush();
      return { status: 201, body: holdJson(hold) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/audit/legal-holds/{hold_id}/release',
    summary: 'Release a legal hold; the records it kept become purgeable once past retention',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: z.object({ hold_id: z.coerce.number().int().positive() }) },
    responses: {
      200: { description: 'Released', schema: holdSchema },
      404: { description: 'Not found' },
      409: { description: 'Already released' },
    },
    async handler({ params, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const hold = await em.findOne(AuditLegalHold, params.hold_id);
      if (!hold) throw problems.notFound('Legal hold');
      if (hold.releasedAt) throw problems.conflict('already-released', 'The hold is already released.');
      const before = holdJson(hold);
      hold.releasedAt = new Date();
      hold.releasedBy = principal.userId;
      appendAudit(em, {
        action: 'LEGAL_HOLD_RELEASED',
        subjectType: 'legal_hold',
        subjectId: hold.id,
        ...auditActor(req),
        details: { before, after: holdJson(hold) },
      });
      await em.flush();
      return { body: holdJson(hold) };
    },
  }),
];
