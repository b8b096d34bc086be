import { z } from 'zod';
import { Participant, Portfolio, Position } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { positionQuantityViolation } from '../../../domain/portfolios/position-quantity';
import { requestAutomaticRecompute } from '../../../platform/queues';
import { problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { findBond } from '../bonds/find-bond';
import {
  findEditablePortfolio,
  findVisiblePortfolio,
  managesAnyParticipant,
  PORTFOLIO_WRITER_ROLES,
} from './portfolio-access';
import {
  portfolioDetailsJson,
  portfolioDetailsSchema,
  portfolioJson,
  portfolioSchema,
} from './portfolio-json';
import { resolvePositionInputs } from './position-input';
import { riskQueue } from './risk-queue';
import { riskRunRoutes } from './risk-run-routes';
import { riskLimitRoutes } from './risk-limit-routes';
import { stressTestRoutes } from './stress-test-routes';
import {
  averagePriceField,
  bondIdField,
  PORTFOLIO_TAG,
  portfolioIdParams,
  quantityField,
} from './position-fields';
import type { EntityManager } from '@mikro-orm/postgresql';

const KINDS_NOTE =
  'Every member participant has one HOUSE portfolio, created with the participant. Its positions will follow ' +
  "the participant's fills and allotments; through this API it is read-only (setting its positions answers " +
  '409 /errors/house-portfolio-read-only). WHAT_IF portfolios are hypothetical books that clients create and edit.';

const positionBody = z.object({
  bond_id: bondIdField,
  quantity: quantityField,
  average_price: averagePriceField.optional(),
});

const createBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  participant_id: z.number().int().positive().optional(),
  positions: z.array(positionBody).max(1000).default([]),
});

const listQuery = pageQuery.extend({ participant_id: z.coerce.number().int().positive().optional() });
const positionParams = portfolioIdParams.extend({ bond_id: bondIdField });
const putBody = z.object({ quantity: quantityField, average_price: averagePriceField.optional() });

const listSchema = z.object({ items: z.array(portfolioSchema), next_cursor: z.string().nullable() });

async function details(em: EntityManager, portfolio: Portfolio) {
  const positions = await em.find(
    Position,
    { portfolio },
    { populate: ['bond'], orderBy: { id: 'asc' }, refresh: true },
  );
  return portfolioDetailsJson(portfolio, positions);
}

export const riskPortfolioRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/risk/portfolios',
    summary: 'Create a WHAT_IF portfolio, optionally with positions',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { body: createBody },
    responses: {
      201: { description: `Created. ${KINDS_NOTE}`, schema: portfolioDetailsSchema },
      403: {
        description: 'participant_id is not your own (only RISK_OFFICER and ADMIN staff may name another)',
      },
      409: { description: 'The participant already has a portfolio of that name' },
      422: { description: 'Validation failed, e.g. a quantity that is not a multiple of the lot size' },
    },
    async handler({ body, principal, req, deps }) {
      const participantId = body.participant_id ?? principal.participantId;
      if (participantId !== principal.participantId && !managesAnyParticipant(principal)) {
        throw problems.forbidden('participant_id must be your own participant.');
      }
      const em = deps.orm.em.fork();
      const participant = await em.findOne(Participant, participantId);
      if (!participant) {
        throw problems.validation([{ field: 'participant_id', message: 'no such participant' }]);
      }
      const { resolved, errors } = await resolvePositionInputs(em, body.positions, 'positions.');
      if (errors.length) throw problems.validation(errors);
      const portfolio = await em.transactional(async (tx) => {
        const portfolio = tx.create(Portfolio, {
          participant,
          name: body.name,
          kind: 'WHAT_IF',
          description: body.description ?? null,
          createdBy: principal.userId,
        });
        for (const r of resolved) {
          tx.create(Position, {
            portfolio,
            bond: r.bond,
            quantity: r.quantity,
            averagePrice: r.averagePrice,
          });
        }
        await tx.flush();
        appendAudit(tx, {
          action: 'PORTFOLIO_CREATED',
          subjectType: 'portfolio',
          subjectId: portfolio.id,
          ...auditActor(req),
          details: {
            participant_id: participant.id,
            name: portfolio.name,
            kind: portfolio.kind,
            positions: resolved.map((r) => ({ bond: r.bond.isin, quantity: r.quantity })),
          },
        });
        return portfolio;
      });
      return {
        status: 201,
        body: await details(em, portfolio),
        headers: { Location: `/api/v1/risk/portfolios/${portfolio.id}` },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios',
    summary: "List portfolios: members see their participant's, venue staff all (filter by participant_id)",
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: { query: listQuery },
    responses: { 200: { description: `A page, newest first. ${KINDS_NOTE}`, schema: listSchema } },
    async handler({ query, principal, deps }) {
      const participantId = principal.isVenueStaff ? query.participant_id : principal.participantId;
      if (
        !principal.isVenueStaff &&
        query.participant_id &&
        query.participant_id !== principal.participantId
      ) {
        return { body: { items: [], next_cursor: null } };
      }
      const rows = await deps.orm.em
        .fork()
        .find(
          Portfolio,
          { ...cursorFilter(query.cursor), ...(participantId ? { participant: participantId } : {}) },
          { orderBy: { id: 'desc' }, limit: query.limit + 1 },
        );
      return { body: page(rows, query.limit, portfolioJson) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/risk/portfolios/{portfolio_id}',
    summary: 'One portfolio with its positions valued at reference prices',
    tag: PORTFOLIO_TAG,
    access: 'authenticated',
    request: { params: portfolioIdParams },
    responses: {
      200: { description: `The portfolio. ${KINDS_NOTE}`, schema: portfolioDetailsSchema },
      404: { description: "Not found (or another participant's)" },
    },
    async handler({ params, principal, deps }) {
      const em = deps.orm.em.fork();
      return { body: await details(em, await findVisiblePortfolio(em, principal, params.portfolio_id)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/risk/portfolios/{portfolio_id}/positions/{bond_id}',
    summary: 'Set one position of a WHAT_IF portfolio (quantity "0" removes it)',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: positionParams, body: putBody },
    responses: {
      200: { description: 'The portfolio after the change', schema: portfolioDetailsSchema },
      404: { description: 'Portfolio or bond not found' },
      409: { description: 'A HOUSE portfolio (read-only), or a concurrent change (stale version)' },
      422: { description: 'Validation failed, e.g. a quantity that is not a multiple of the lot size' },
    },
    async handler({ params, body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findEditablePortfolio(em, principal, params.portfolio_id);
      const bond = await findBond(em, params.bond_id);
      const removing = Number(body.quantity) === 0;
      if (!removing) {
        const violation = positionQuantityViolation(body.quantity, bond.lotSize);
        if (violation) throw problems.validation([{ field: 'quantity', message: violation }]);
      }
      await em.transactional(async (tx) => {
        const existing = await tx.findOne(Position, { portfolio, bond });
        if (removing) {
          if (existing) tx.remove(existing);
        } else if (existing) {
          existing.quantity = body.quantity;
          existing.averagePrice = body.average_price ?? null;
        } else {
          tx.create(Position, {
            portfolio,
            bond,
            quantity: body.quantity,
            averagePrice: body.average_price ?? null,
          });
        }
        appendAudit(tx, {
          action: removing ? 'POSITION_REMOVED' : 'POSITION_SET',
          subjectType: 'portfolio',
          subjectId: portfolio.id,
          ...auditActor(req),
          details: { bond: bond.isin, quantity: body.quantity, average_price: body.average_price ?? null },
        });
      });
      await requestAutomaticRecompute(riskQueue(deps), portfolio.id, 'POSITION_CHANGE');
      return { body: await details(em, portfolio) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/risk/portfolios/{portfolio_id}/positions/{bond_id}',
    summary: 'Remove one position of a WHAT_IF portfolio',
    tag: PORTFOLIO_TAG,
    access: PORTFOLIO_WRITER_ROLES,
    request: { params: positionParams },
    responses: {
      204: { description: 'Removed' },
      404: { description: 'Portfolio, bond or position not found' },
      409: { description: 'A HOUSE portfolio (read-only), or a concurrent change (stale version)' },
    },
    async handler({ params, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const portfolio = await findEditablePortfolio(em, principal, params.portfolio_id);
      const bond = await findBond(em, params.bond_id);
      await em.transactional(async (tx) => {
        const existing = await tx.findOne(Position, { portfolio, bond });
        if (!existing) throw problems.notFound(`Position in ${bond.code}`);
        tx.remove(existing);
        appendAudit(tx, {
          action: 'POSITION_REMOVED',
          subjectType: 'portfolio',
          subjectId: portfolio.id,
          ...auditActor(req),
          details: { bond: bond.isin },
        });
      });
      await requestAutomaticRecompute(riskQueue(deps), portfolio.id, 'POSITION_CHANGE');
      return { status: 204 };
    },
  }),
  ...riskRunRoutes,
  ...stressTestRoutes,
  ...riskLimitRoutes,
];
