import { z } from 'zod';
import { Participant } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { createHousePortfolio } from '../../../db/portfolios/house-portfolio';
import { DOMICILES, PARTICIPANT_KINDS } from '../../../domain/reference-data/participant-kinds';
import { isValidLei } from '../../../domain/reference-data/lei';
import {
  FPI_REGISTRATION_RULE,
  isValidFpiRegistration,
} from '../../../domain/reference-data/fpi-registration';
import { problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';

export const participantJson = (p: Participant) => ({
  participant_id: p.id,
  code: p.code,
  name: p.name,
  kind: p.kind,
  domicile: p.domicile,
  lei: p.lei ?? null,
  fpi_registration: p.fpiRegistration ?? null,
  is_venue_operator: p.isVenueOperator,
  status: p.status,
  created_at: p.createdAt.toISOString(),
});

const participantSchema = z
  .object({
    participant_id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(PARTICIPANT_KINDS),
    domicile: z.enum(DOMICILES),
    lei: z.string().nullable(),
    fpi_registration: z.string().nullable().meta({ description: 'SEBI FPI registration number (FPIs)' }),
    is_venue_operator: z.boolean(),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    created_at: z.string(),
  })
  .meta({ id: 'Participant' });

export const fpiRegistrationField = z.string().refine(isValidFpiRegistration, FPI_REGISTRATION_RULE);

/** Only an FPI holds a SEBI FPI registration number. */
export const fpiRegistrationOnlyForFpi = (kind: string, registration: string | undefined) => {
  if (registration !== undefined && kind !== 'FPI')
    throw problems.validation([
      { field: 'fpi_registration', message: 'only an FPI has an FPI registration' },
    ]);
};

const createBody = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,32}$/, 'must be 2-32 upper-case letters, digits or underscores'),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(PARTICIPANT_KINDS.filter((k) => k !== 'VENUE_OPERATOR') as [string, ...string[]]),
  domicile: z.enum(DOMICILES),
  lei: z
    .string()
    .refine(isValidLei, 'must be a valid ISO 17442 LEI (20 characters, check digits)')
    .optional(),
  fpi_registration: fpiRegistrationField.optional(),
});

const idParams = z.object({ participant_id: z.coerce.number().int().positive() });

export const participantRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/participants',
    summary: 'Onboard a member participant',
    tag: 'Participants',
    access: ['ADMIN'],
    request: { body: createBody },
    responses: {
      201: { description: 'Created', schema: participantSchema },
      409: { description: 'Code, LEI or FPI registration taken' },
    },
    async handler({ body, req, deps }) {
      fpiRegistrationOnlyForFpi(body.kind, body.fpi_registration);
      // The participant and its HOUSE portfolio commit together, or neither does.
      const p = await deps.orm.em.fork().transactional(async (em) => {
        const p = em.create(Participant, {
          code: body.code,
          name: body.name,
          kind: body.kind as Participant['kind'],
          domicile: body.domicile,
          lei: body.lei ?? null,
          fpiRegistration: body.fpi_registration ?? null,
        });
        const house = createHousePortfolio(em, p);
        await em.flush();
        appendAudit(em, {
          action: 'PARTICIPANT_CREATED',
          subjectType: 'participant',
          subjectId: p.id,
          ...auditActor(req),
          details: {
            code: p.code,
            kind: p.kind,
            fpi_registration: p.fpiRegistration ?? null,
            house_portfolio_id: house?.id ?? null,
          },
        });
        return p;
      });
      return { status: 201, body: participantJson(p), headers: { Location: `/api/v1/participants/${p.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/participants',
    summary: 'List participants (venue staff)',
    tag: 'Participants',
    access: ['ADMIN', 'OPERATIONS', 'COMPLIANCE_OFFICER', 'RISK_OFFICER', 'AUCTION_ADMIN'],
    request: { query: pageQuery },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(participantSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const rows = await deps.orm.em
        .fork()
        .find(Participant, cursorFilter(query.cursor), { orderBy: { id: 'desc' }, limit: query.limit + 1 });
      return { body: page(rows, query.limit, participantJson) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/participants/{participant_id}',
    summary: 'One participant: members see only their own, venue staff any',
    tag: 'Participants',
    access: 'authenticated',
    request: { params: idParams },
    responses: {
      200: { description: 'The participant', schema: participantSchema },
      404: { description: 'Not found' },
    },
    async handler({ params, principal, deps }) {
      if (!principal.isVenueStaff && principal.participantId !== params.participant_id) {
        throw problems.notFound('Participant');
      }
      const p = await deps.orm.em.fork().findOne(Participant, params.participant_id);
      if (!p) throw problems.notFound('Participant');
      return { body: participantJson(p) };
    },
  }),
];
