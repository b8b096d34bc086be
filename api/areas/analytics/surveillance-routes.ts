import { z } from 'zod';
import { appendAudit } from '../../../db/audit-log';
import { BeneficialOwner, Participant, SurveillanceAlert } from '../../../db/entities';
import { SURVEILLANCE_RULES } from '../../../domain/surveillance';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { ANALYTICS_TAG } from './analytics-fields';

const alertSchema = z.object({
  alert_id: z.number().int(),
  rule: z.enum(SURVEILLANCE_RULES),
  severity: z.string(),
  bond_id: z.number().int().nullable(),
  participant_id: z.number().int().nullable(),
  title: z.string(),
  description: z.string(),
  evidence: z
    .record(z.string(), z.unknown())
    .meta({ description: 'Orders, trades, times and the thresholds' }),
  exception_id: z.number().int().nullable(),
  detected_at: z.string(),
});

const alertsQuery = z.object({
  rule: z.enum(SURVEILLANCE_RULES).optional(),
  participant_id: z.coerce.number().int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'alert_id of the last item of the previous page' }),
});

export const surveillanceRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/analytics/surveillance/alerts',
    summary: 'Trade surveillance alerts with their evidence, newest first',
    tag: ANALYTICS_TAG,
    access: ['COMPLIANCE_OFFICER'],
    request: { query: alertsQuery },
    responses: {
      200: {
        description: 'A page of alerts',
        schema: z.object({ items: z.array(alertSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const where = {
        ...(query.rule ? { rule: query.rule } : {}),
        ...(query.participant_id ? { participantId: query.participant_id } : {}),
        ...(query.from ? { detectedAt: { $gte: new Date(query.from) } } : {}),
        ...(query.cursor ? { id: { $lt: query.cursor } } : {}),
      };
      const rows = await deps.orm.em
        .fork()
        .find(SurveillanceAlert, where, { orderBy: { id: 'desc' }, limit: query.limit + 1 });
      const items = rows.slice(0, query.limit);
      return {
        body: {
          items: items.map((a) => ({
            alert_id: a.id,
            rule: a.rule,
            severity: a.severity,
            bond_id: a.bondId ?? null,
            participant_id: a.participantId ?? null,
            title: a.title,
            description: a.description,
            evidence: a.evidence,
            exception_id: a.exceptionId ?? null,
            detected_at: a.detectedAt.toISOString(),
          })),
          next_cursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/analytics/surveillance/beneficial-owners/{participant_id}',
    summary:
      "Record a participant's beneficial owner (participants with one owner trading together are wash trades)",
    tag: ANALYTICS_TAG,
    access: ['COMPLIANCE_OFFICER'],
    request: {
      params: z.object({ participant_id: z.coerce.number().int().positive() }),
      body: z.object({ owner_code: z.string().trim().min(1).max(64) }),
    },
    responses: {
      200: {
        description: 'Recorded',
        schema: z.object({ participant_id: z.number().int(), owner_code: z.string() }),
      },
      404: { description: 'No such participant' },
    },
    async handler({ params, body, req, deps }) {
      await deps.orm.em.fork().transactional(async (em) => {
        const participant = await em.findOne(Participant, params.participant_id);
        if (!participant) throw problems.notFound(`Participant ${params.participant_id}`);
        const existing = await em.findOne(BeneficialOwner, { participant });
        const before = existing?.ownerCode ?? null;
        if (existing) existing.ownerCode = body.owner_code;
        else em.create(BeneficialOwner, { participant, ownerCode: body.owner_code });
        appendAudit(em, {
          action: 'BENEFICIAL_OWNER_SET',
          subjectType: 'participant',
          subjectId: participant.id,
          ...auditActor(req),
          details: { before: { owner_code: before }, after: { owner_code: body.owner_code } },
        });
      });
      return { body: { participant_id: params.participant_id, owner_code: body.owner_code } };
    },
  }),
];
