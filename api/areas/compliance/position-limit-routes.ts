import { z } from 'zod';
import { setPositionLimit } from '../../../db/compliance/position-limits';
import { Participant, PositionLimit } from '../../../db/entities';
import { BOND_TYPES } from '../../../domain/reference-data/bond-types';
import { decimalText, paiseText, rupeesText } from '../../http/decimal-text';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { isinsOf, scopedBond } from './scoped-bonds';
import { COMPLIANCE_TAG } from './compliance-access';

const SETTERS = ['COMPLIANCE_OFFICER', 'ADMIN'] as const;

const faceValue = decimalText(2, 'rupees of face value', { maxDigits: 20 })
  .nullish()
  .meta({ description: 'Rupees of face value; null or absent: no limit on this side' });

const limitSchema = z.object({
  id: z.number(),
  participant_id: z.number(),
  bond_id: z.string().nullable().meta({ description: 'ISIN of the bond, when the limit is on one bond' }),
  bond_type: z.enum(BOND_TYPES).nullable(),
  max_long_quantity: z.string().nullable(),
  max_short_quantity: z.string().nullable(),
  updated_by: z.number(),
  updated_at: z.string(),
});

const limitJson = (l: PositionLimit, isin: string | null) => ({
  id: l.id,
  participant_id: l.participantId,
  bond_id: isin,
  bond_type: l.bondType ?? null,
  max_long_quantity: rupeesText(l.maxLongPaise),
  max_short_quantity: rupeesText(l.maxShortPaise),
  updated_by: l.updatedBy,
  updated_at: l.updatedAt.toISOString(),
});

export const positionLimitRoutes = [
  defineRoute({
    method: 'put',
    path: '/api/v1/compliance/position-limits',
    summary:
      'Set a participant\u2019s position limit on one bond, on a bond type or on every bond (the most specific applies to orders and the position limits report)',
    tag: COMPLIANCE_TAG,
    access: SETTERS,
    request: {
      body: z
        .object({
          participant_id: z.number().int().positive(),
          bond_id: z
            .string()
            .trim()
            .min(1)
            .max(40)
            .optional()
            .meta({ description: 'ISIN or short code; omit with bond_type for every bond' }),
          bond_type: z.enum(BOND_TYPES).optional(),
          max_long_quantity: faceValue,
          max_short_quantity: faceValue,
        })
        .refine((b) => b.bond_id === undefined || b.bond_type === undefined, {
          message: 'give bond_id or bond_type, not both',
          path: ['bond_type'],
        }),
    },
    responses: { 200: { description: 'Set', schema: limitSchema } },
    async handler({ body, req, deps, principal }) {
      const em = deps.orm.em.fork();
      if (!(await em.findOne(Participant, body.participant_id, { fields: ['id'] })))
        throw problems.validation([{ field: 'participant_id', message: 'no such participant' }]);
      const bond = await scopedBond(em, body.bond_id);
      const { limit } = await setPositionLimit(
        em,
        {
          participantId: body.participant_id,
          bondId: bond?.id ?? null,
          bondType: body.bond_type ?? null,
          maxLongPaise: paiseText(body.max_long_quantity),
          maxShortPaise: paiseText(body.max_short_quantity),
        },
        { ...auditActor(req), actorUserId: principal.userId },
      );
      return { body: limitJson(limit, bond?.isin ?? null) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/compliance/position-limits',
    summary: 'The configured position limits, of one participant or all, newest first',
    tag: COMPLIANCE_TAG,
    access: SETTERS,
    request: {
      query: pageQuery.extend({ participant_id: z.coerce.number().int().positive().optional() }),
    },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(limitSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const em = deps.orm.em.fork();
      const limits = await em.find(
        PositionLimit,
        {
          ...cursorFilter(query.cursor),
          ...(query.participant_id === undefined ? {} : { participantId: query.participant_id }),
        },
        { orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      const isins = await isinsOf(em, limits);
      return {
        body: page(limits, query.limit, (l) => limitJson(l, l.bondId == null ? null : isins.get(l.bondId)!)),
      };
    },
  }),
];
