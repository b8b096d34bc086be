import { z } from 'zod';
import { sql, type FilterQuery } from '@mikro-orm/core';
import { grantCheckOverride, grantOf, revokeCheckOverride } from '../../../db/compliance/check-overrides';
import { Bond, CheckOverride, Participant } from '../../../db/entities';
import {
  OVERRIDABLE_CHECKS,
  OVERRIDE_STATUSES,
  overrideStatus,
} from '../../../domain/compliance/check-overrides';
import { FPI_CATEGORIES } from '../../../domain/compliance/regulatory-checks';
import { paiseText, positiveDecimalText, rupeesText } from '../../http/decimal-text';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { isinsOf, scopedBond } from './scoped-bonds';
import { COMPLIANCE_OFFICERS, COMPLIANCE_TAG } from './compliance-access';

const overrideSchema = z
  .object({
    override_id: z.number(),
    participant_id: z.number(),
    check: z.enum(OVERRIDABLE_CHECKS),
    bond_id: z.string().nullable().meta({ description: 'ISIN of the bond, when scoped to one bond' }),
    fpi_category: z.enum(FPI_CATEGORIES).nullable(),
    max_quantity: z.string().meta({ description: 'Rupees of face value it lets through in total' }),
    used_quantity: z.string(),
    uses: z.number(),
    status: z.enum(OVERRIDE_STATUSES),
    reason: z.string(),
    expires_at: z.string(),
    granted_by: z.number(),
    granted_at: z.string(),
    revoked_at: z.string().nullable(),
    revoked_by: z.number().nullable(),
    revoke_reason: z.string().nullable(),
  })
  .meta({ id: 'CheckOverride' });

const overrideJson = (o: CheckOverride, isin: string | null) => ({
  override_id: o.id,
  participant_id: o.participantId,
  check: grantOf(o).check,
  bond_id: isin,
  fpi_category: grantOf(o).fpiCategory,
  max_quantity: rupeesText(o.maxPaise)!,
  used_quantity: rupeesText(o.usedPaise)!,
  uses: o.uses,
  status: overrideStatus(grantOf(o), new Date()),
  reason: o.reason,
  expires_at: o.expiresAt.toISOString(),
  granted_by: o.grantedBy,
  granted_at: o.grantedAt.toISOString(),
  revoked_at: o.revokedAt?.toISOString() ?? null,
  revoked_by: o.revokedBy ?? null,
  revoke_reason: o.revokeReason ?? null,
});

const reason = z.string().trim().min(1).max(2000);
const idParams = z.object({ override_id: z.coerce.number().int().positive() });

/** Where a status holds now, as SQL conditions (overrideStatus decides the same for one override). */
const statusFilter = (status: (typeof OVERRIDE_STATUSES)[number], now: Date): FilterQuery<CheckOverride> => {
  switch (status) {
    case 'REVOKED':
      return { revokedAt: { $ne: null } };
    case 'EXPIRED':
      return { revokedAt: null, expiresAt: { $lte: now } };
    case 'USED_UP':
      return { revokedAt: null, expiresAt: { $gt: now }, [sql`(used_paise >= max_paise)`]: true };
    case 'ACTIVE':
      return { revokedAt: null, expiresAt: { $gt: now }, [sql`(used_paise < max_paise)`]: true };
  }
};

export const checkOverrideRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/check-overrides',
    summary:
      'Grant a compliance override of a pre-trade regulatory check for a participant: on one bond (or, for the FPI limit, one FPI category), up to a face value in total, until it expires',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      body: z
        .object({
          participant_id: z.number().int().positive(),
          check: z.enum(OVERRIDABLE_CHECKS),
          bond_id: z
            .string()
            .trim()
            .min(1)
            .max(40)
            .optional()
            .meta({ description: 'ISIN or short code of the bond it is scoped to' }),
          fpi_category: z
            .enum(FPI_CATEGORIES)
            .optional()
            .meta({ description: 'The FPI category it is scoped to (FPI_LIMIT only), instead of a bond' }),
          max_quantity: positiveDecimalText(2, 'rupees of face value', { maxDigits: 20 }),
          reason: reason.meta({
            description: 'Why the check may be lifted: kept with the override and audited',
          }),
          expires_at: z.iso
            .datetime({ offset: true })
            .refine((t) => Date.parse(t) > Date.now(), 'must be in the future'),
        })
        .refine((b) => (b.bond_id === undefined) !== (b.fpi_category === undefined), {
          message: 'give bond_id or fpi_category, exactly one',
          path: ['bond_id'],
        })
        .refine((b) => b.fpi_category === undefined || b.check === 'FPI_LIMIT', {
          message: 'only an FPI_LIMIT override is scoped to an FPI category',
          path: ['fpi_category'],
        }),
    },
    responses: {
      201: { description: 'Granted', schema: overrideSchema },
      403: { description: 'Only a COMPLIANCE_OFFICER grants overrides' },
    },
    async handler({ body, req, deps, principal }) {
      const em = deps.orm.em.fork();
      const participant = await em.findOne(Participant, body.participant_id, { fields: ['id', 'kind'] });
      if (!participant)
        throw problems.validation([{ field: 'participant_id', message: 'no such participant' }]);
      if (body.check === 'FPI_LIMIT' && participant.kind !== 'FPI')
        throw problems.validation([
          { field: 'participant_id', message: 'the FPI limit applies to FPIs only' },
        ]);
      const bond = await scopedBond(em, body.bond_id);
      const granted = await grantCheckOverride(
        em,
        {
          participantId: participant.id,
          check: body.check,
          bondId: bond?.id ?? null,
          fpiCategory: body.fpi_category ?? null,
          maxPaise: paiseText(body.max_quantity)!,
          reason: body.reason,
          expiresAt: new Date(body.expires_at),
        },
        { ...auditActor(req), actorUserId: principal.userId },
      );
      return {
        status: 201,
        body: overrideJson(granted, bond?.isin ?? null),
        headers: { Location: `/api/v1/compliance/check-overrides/${granted.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/check-overrides',
    summary: 'Compliance overrides of pre-trade checks, newest first, with what each has used',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: {
      query: pageQuery.extend({
        participant_id: z.coerce.number().int().positive().optional(),
        status: z.enum(OVERRIDE_STATUSES).optional(),
      }),
    },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(overrideSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const em = deps.orm.em.fork();
      const overrides = await em.find(
        CheckOverride,
        {
          ...cursorFilter(query.cursor),
          ...(query.participant_id === undefined ? {} : { participantId: query.participant_id }),
          ...(query.status === undefined ? {} : { $and: [statusFilter(query.status, new Date())] }),
        },
        { orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      const isins = await isinsOf(em, overrides);
      return {
        body: page(overrides, query.limit, (o) =>
          overrideJson(o, o.bondId == null ? null : isins.get(o.bondId)!),
        ),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/compliance/check-overrides/{override_id}/revoke',
    summary: 'Revoke an override: from now on it lifts no check (what it let through stays)',
    tag: COMPLIANCE_TAG,
    access: COMPLIANCE_OFFICERS,
    request: { params: idParams, body: z.object({ reason }) },
    responses: {
      200: { description: 'Revoked', schema: overrideSchema },
      403: { description: 'Only a COMPLIANCE_OFFICER revokes overrides' },
      404: { description: 'Not found' },
      409: { description: 'Revoked already' },
    },
    async handler({ params, body, req, deps, principal }) {
      const done = await revokeCheckOverride(deps.orm.em, params.override_id, body.reason, {
        ...auditActor(req),
        actorUserId: principal.userId,
      });
      if (!done) throw problems.notFound('Check override');
      if (!done.revoked)
        throw problems.conflict('override-revoked', `Override ${params.override_id} was revoked already.`);
      const o = done.override;
      const bond =
        o.bondId == null ? null : await deps.orm.em.fork().findOne(Bond, o.bondId, { fields: ['isin'] });
      return { body: overrideJson(o, bond?.isin ?? null) };
    },
  }),
];
