import { z } from 'zod';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { appendAudit } from '../../../db/audit-log';
import { FeeScheduleRow } from '../../../db/entities';
import { ExactDecimal } from '../../../domain/bonds/rounding';
import { EXECUTION_MECHANISMS } from '../../../domain/rfq/execution-mechanism';
import { PARTICIPANT_KINDS } from '../../../domain/reference-data/participant-kinds';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { isoDate, SETTLEMENT_TAG } from './settlement-fields';

const feeEntrySchema = z
  .object({
    id: z.number(),
    execution_mechanism: z.enum(EXECUTION_MECHANISMS),
    participant_kind: z.enum(PARTICIPANT_KINDS).nullable(),
    rate_bp: z.string().meta({ description: 'Basis points of consideration (clean), up to 4 decimals' }),
    minimum: z.string().meta({ description: 'Least fee per trade and side, rupees' }),
    effective_from: z.string(),
    note: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'FeeScheduleEntry' });

const newEntrySchema = z
  .object({
    execution_mechanism: z.enum(EXECUTION_MECHANISMS),
    participant_kind: z.enum(PARTICIPANT_KINDS).nullable().default(null),
    rate_bp: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4})?$/, 'must be basis points: a non-negative decimal with at most 4 places'),
    minimum: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be rupees: a non-negative decimal with at most 2 places')
      .default('0'),
    effective_from: isoDate,
    note: z.string().max(200).optional(),
  })
  .strict();

const entryJson = (e: FeeScheduleRow) => ({
  id: e.id,
  execution_mechanism: e.executionMechanism,
  participant_kind: e.participantKind ?? null,
  rate_bp: new ExactDecimal(e.rateBp).toFixed(4),
  minimum: new ExactDecimal(e.minimum).toFixed(2),
  effective_from: e.effectiveFrom,
  note: e.note ?? null,
  created_at: new Date(e.createdAt).toISOString(),
});

/**
 * The venue fee schedule: every member reads it, ADMIN adds entries. Entries are never changed or
 * removed: a new rate is a new entry effective from a later date, so past fees stay explained.
 */
export const feeRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/fees',
    summary: 'The venue fee schedule, every entry with the date it applies from',
    tag: SETTLEMENT_TAG,
    access: 'authenticated',
    responses: {
      200: {
        description: 'Entries by mechanism, kind and date',
        schema: z.object({ items: z.array(feeEntrySchema) }),
      },
    },
    async handler({ deps }) {
      const rows = await deps.orm.em
        .fork()
        .find(
          FeeScheduleRow,
          {},
          { orderBy: { executionMechanism: 'asc', participantKind: 'asc', effectiveFrom: 'asc', id: 'asc' } },
        );
      return { body: { items: rows.map(entryJson) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/fees',
    summary: 'Add a fee schedule entry (from its date on it prices trades of its mechanism and kind)',
    tag: SETTLEMENT_TAG,
    access: ['ADMIN'],
    request: { body: newEntrySchema },
    responses: { 201: { description: 'Added', schema: feeEntrySchema } },
    async handler({ body, req, deps }) {
      try {
        const row = await deps.orm.em.fork().transactional(async (em) => {
          const entry = em.create(FeeScheduleRow, {
            executionMechanism: body.execution_mechanism,
            participantKind: body.participant_kind,
            rateBp: body.rate_bp,
            minimum: body.minimum,
            effectiveFrom: body.effective_from,
            note: body.note ?? null,
            createdBy: req.principal!.userId,
          });
          await em.flush();
          appendAudit(em, {
            action: 'FEE_SCHEDULE_ENTRY_ADDED',
            subjectType: 'fee_schedule',
            subjectId: entry.id,
            ...auditActor(req),
            details: { ...body },
          });
          return entry;
        });
        return { status: 201, body: entryJson(row) };
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) {
          throw problems.conflict(
            'fee-entry-exists',
            `An entry for ${body.execution_mechanism}, ${body.participant_kind ?? 'every kind'} from ${body.effective_from} exists; add one from another date.`,
          );
        }
        throw err;
      }
    },
  }),
];
