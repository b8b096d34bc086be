import { z } from 'zod';
import { Bond } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import {
  BOND_TYPES,
  COUPON_FREQUENCIES,
  DAY_COUNTS,
  ISSUER_TYPES,
} from '../../../domain/reference-data/bond-types';
import { bondTermViolations } from '../../../domain/reference-data/bond-terms';
import { isValidIsin } from '../../../domain/reference-data/isin';
import { problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { bondJson } from './bond-json';
import { cachedBond, cachedBondPage, invalidateBonds } from './bond-cache';
import { decimalText, positiveDecimalText } from '../../http/decimal-text';

const date = z.iso.date();

const bondSchema = z
  .object({
    bond_id: z.string(),
    isin: z.string(),
    code: z.string(),
    name: z.string(),
    issuer: z.string(),
    issuer_type: z.enum(ISSUER_TYPES),
    bond_type: z.enum(BOND_TYPES),
    coupon_pct: z.string(),
    issue_date: z.string(),
    maturity_date: z.string(),
    coupon_frequency: z.number().int(),
    day_count: z.enum(DAY_COUNTS),
    face_value: z.string(),
    lot_size: z.string(),
    tick_size: z.string(),
    rating: z.string().nullable(),
    outstanding_amount: z.string(),
    reference_yield_pct: z.string().nullable(),
    reference_price: z.string().nullable(),
    is_tradable: z.boolean(),
  })
  .meta({ id: 'Bond' });

// Digit limits match the NUMERIC columns (db/entities/bond.ts), so an oversized value is a 422, not a database error.
const createBody = z.object({
  isin: z.string().refine(isValidIsin, 'must be a valid ISIN (12 characters with a correct check digit)'),
  code: z.string().regex(/^[A-Z0-9_]{2,32}$/, 'must be 2-32 upper-case letters, digits or underscores'),
  name: z.string().trim().min(2).max(200),
  issuer: z.string().trim().min(2).max(200),
  issuer_type: z.enum(ISSUER_TYPES),
  bond_type: z.enum(BOND_TYPES),
  coupon_pct: decimalText(4, 'a percentage', { maxDigits: 5 }).refine(
    (s) => Number(s) < 100,
    'must be below 100',
  ),
  issue_date: date,
  maturity_date: date,
  coupon_frequency: z.union(COUPON_FREQUENCIES.map((f) => z.literal(f)) as never as [z.ZodLiteral<number>]),
  day_count: z.enum(DAY_COUNTS),
  face_value: positiveDecimalText(2, 'rupees', { maxDigits: 16 }),
  lot_size: positiveDecimalText(2, 'rupees', { maxDigits: 16 }),
  tick_size: positiveDecimalText(4, 'a price step per 100', { maxDigits: 5 }),
  rating: z.string().max(16).optional(),
  outstanding_amount: decimalText(2, 'rupees', { maxDigits: 18 }),
  reference_yield_pct: decimalText(4, 'a percentage', { maxDigits: 5 }).optional(),
  reference_price: positiveDecimalText(4, 'a price per 100', { maxDigits: 8 }).optional(),
  is_tradable: z.boolean().default(true),
});

const listQuery = pageQuery.extend({
  bond_type: z.enum(BOND_TYPES).optional(),
  issuer_type: z.enum(ISSUER_TYPES).optional(),
  is_tradable: z.enum(['true', 'false']).optional(),
});

export const bondRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/bonds',
    summary: 'List bonds',
    tag: 'Bonds',
    access: 'authenticated',
    request: { query: listQuery },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(bondSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const body = await cachedBondPage(deps, query, async () => {
        const rows = await deps.orm.em.fork().find(
          Bond,
          {
            ...cursorFilter(query.cursor),
            ...(query.bond_type ? { bondType: query.bond_type } : {}),
            ...(query.issuer_type ? { issuerType: query.issuer_type } : {}),
            ...(query.is_tradable ? { isTradable: query.is_tradable === 'true' } : {}),
          },
          { orderBy: { id: 'desc' }, limit: query.limit + 1 },
        );
        return page(rows, query.limit, bondJson);
      });
      return { body };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/bonds/{bond_id}',
    summary: 'One bond, by ISIN or short code',
    tag: 'Bonds',
    access: 'authenticated',
    request: { params: z.object({ bond_id: z.string().min(1).max(32) }) },
    responses: { 200: { description: 'The bond', schema: bondSchema }, 404: { description: 'Not found' } },
    async handler({ params, deps }) {
      return { body: (await cachedBond(deps, params.bond_id)).json };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/bonds',
    summary: 'List a new bond on the venue',
    tag: 'Bonds',
    access: ['ADMIN'],
    request: { body: createBody },
    responses: {
      201: { description: 'Created', schema: bondSchema },
      409: { description: 'ISIN or code taken' },
    },
    async handler({ body, req, deps }) {
      const violations = bondTermViolations({
        bondType: body.bond_type,
        issuerType: body.issuer_type,
        couponPct: body.coupon_pct,
        couponFrequency: body.coupon_frequency,
        issueDate: body.issue_date,
        maturityDate: body.maturity_date,
        faceValue: body.face_value,
        lotSize: body.lot_size,
        tickSize: body.tick_size,
      });
      if (violations.length) throw problems.validation(violations);
      const em = deps.orm.em.fork();
      const bond = em.create(Bond, {
        isin: body.isin,
        code: body.code,
        name: body.name,
        issuer: body.issuer,
        issuerType: body.issuer_type,
        bondType: body.bond_type,
        couponPct: body.coupon_pct,
        issueDate: body.issue_date,
        maturityDate: body.maturity_date,
        couponFrequency: body.coupon_frequency,
        dayCount: body.day_count,
        faceValue: body.face_value,
        lotSize: body.lot_size,
        tickSize: body.tick_size,
        rating: body.rating ?? null,
        outstandingAmount: body.outstanding_amount,
        referenceYieldPct: body.reference_yield_pct ?? null,
        referencePrice: body.reference_price ?? null,
        isTradable: body.is_tradable,
      });
      await em.flush();
      appendAudit(em, {
        action: 'BOND_LISTED',
        subjectType: 'bond',
        subjectId: bond.isin,
        ...auditActor(req),
      });
      await em.flush();
      await invalidateBonds(deps);
      return { status: 201, body: bondJson(bond), headers: { Location: `/api/v1/bonds/${bond.isin}` } };
    },
  }),
];
