import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../../../db/audit-log';
import { Bond } from '../../../db/entities';
import { restateHousePositions } from '../../../db/portfolios/restate-position';
import {
  assertFourEyes,
  CORRECTION_KINDS,
  CORRECTION_STATUSES,
  SameApproverError,
  validateCorrection,
} from '../../../domain/settlement';
import { positiveDecimalText } from '../../http/decimal-text';
import { Problem, problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { houseRiskRecompute } from '../../../activities/house-risk';
import { riskQueue } from '../risk-portfolios/risk-queue';
import { SETTLEMENT_TAG } from './settlement-fields';

const correctionSchema = z
  .object({
    correction_id: z.number(),
    trade_id: z.string(),
    action: z.enum(CORRECTION_KINDS),
    status: z.enum(CORRECTION_STATUSES),
    reason: z.string(),
    old_price: z.string(),
    old_quantity: z.string(),
    new_price: z.string().nullable(),
    new_quantity: z.string().nullable(),
    from_version: z.number(),
    to_version: z.number().nullable(),
    requested_by: z.number(),
    requested_at: z.string(),
    decided_by: z.number().nullable(),
    decided_at: z.string().nullable(),
    decision_comment: z.string().nullable(),
  })
  .meta({ id: 'TradeCorrection' });

interface CorrectionRow {
  id: number;
  trade_id: string;
  kind: (typeof CORRECTION_KINDS)[number];
  status: (typeof CORRECTION_STATUSES)[number];
  reason: string;
  old_price: string;
  old_quantity: string;
  new_price: string | null;
  new_quantity: string | null;
  from_version: number;
  to_version: number | null;
  requested_by: number;
  requested_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
  decision_comment: string | null;
}

const COLUMNS = `id, trade_id, kind, status, reason, old_price::text as old_price, old_quantity::text as old_quantity,
  new_price::text as new_price, new_quantity::text as new_quantity, from_version, to_version, requested_by, requested_at,
  decided_by, decided_at, decision_comment`;

const correctionJson = (r: CorrectionRow) => ({
  correction_id: r.id,
  trade_id: r.trade_id,
  action: r.kind,
  status: r.status,
  reason: r.reason,
  old_price: r.old_price,
  old_quantity: r.old_quantity,
  new_price: r.new_price,
  new_quantity: r.new_quantity,
  from_version: r.from_version,
  to_version: r.to_version,
  requested_by: r.requested_by,
  requested_at: new Date(r.requested_at).toISOString(),
  decided_by: r.decided_by,
  decided_at: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  decision_comment: r.decision_comment,
});

interface TradeRow {
  id: string;
  bond_id: number;
  buyer_participant_id: number;
  seller_participant_id: number;
  price: string;
  quantity: string;
  status: string;
  version: number;
  settlement_status: string;
}

/** The trade under its row lock; only a trade not yet settled (nor busted or closed out) may change. */
async function lockOpenTrade(em: EntityManager, tradeId: string): Promise<TradeRow> {
  const rows = await em.execute<TradeRow[]>(
    `select id, bond_id, buyer_participant_id, seller_participant_id, price::text as price, quantity::text as quantity,
            status, version, settlement_status from trades where id = ? for update`,
    [tradeId],
  );
  const trade = rows[0];
  if (!trade) throw problems.notFound(`Trade ${tradeId}`);
  if (trade.settlement_status !== 'PENDING') {
    throw problems.conflict(
      'trade-not-open',
      `Trade ${tradeId} is ${trade.settlement_status}: it can no longer change.`,
    );
  }
  return trade;
}

async function lockCorrection(em: EntityManager, id: number): Promise<CorrectionRow> {
  const rows = await em.execute<CorrectionRow[]>(
    `select ${COLUMNS} from trade_corrections where id = ? for update`,
    [id],
  );
  if (!rows[0]) throw problems.notFound(`Correction ${id}`);
  if (rows[0].status !== 'PENDING_APPROVAL') {
    throw problems.conflict('correction-decided', `Correction ${id} is already ${rows[0].status}.`);
  }
  return rows[0];
}

const idParams = z.object({ correction_id: z.coerce.number().int().positive() });
const uuid = z.string().uuid('must be a trade id (UUID)');

export const correctionRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/trades/{trade_id}/corrections',
    summary:
      'Request a bust or a price/quantity correction of a trade not yet settled (a compliance officer approves)',
    tag: SETTLEMENT_TAG,
    access: ['OPERATIONS'],
    request: {
      params: z.object({ trade_id: uuid }),
      body: z.object({
        action: z.enum(CORRECTION_KINDS),
        price: positiveDecimalText(4, 'a price', { maxDigits: 8 }).optional(),
        quantity: positiveDecimalText(2, 'rupees of face', { maxDigits: 18 }).optional(),
        reason: z.string().trim().min(5, 'must say why (5-2000 characters)').max(2000),
      }),
    },
    responses: {
      201: { description: 'Requested, awaiting approval', schema: correctionSchema },
      409: { description: 'Settled already, or a request is pending' },
    },
    async handler({ params, body, req, principal, deps }) {
      const row = await (deps.orm.em.fork() as EntityManager).transactional(async (em) => {
        const trade = await lockOpenTrade(em, params.trade_id);
        const bond = await em.findOneOrFail(Bond, trade.bond_id);
        const corrected = validateCorrection(body.action, trade, bond, {
          price: body.price,
          quantity: body.quantity,
        });
        const pending = await em.execute(
          `select 1 from trade_corrections where trade_id = ? and status = 'PENDING_APPROVAL'`,
          [trade.id],
        );
        if (pending.length > 0) {
          throw problems.conflict(
            'correction-pending',
            `Trade ${trade.id} already has a correction awaiting approval.`,
          );
        }
        const rows = await em.execute<CorrectionRow[]>(
          `insert into trade_corrections (trade_id, kind, reason, old_price, old_quantity, new_price, new_quantity, from_version, requested_by)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
          [
            trade.id,
            body.action,
            body.reason,
            trade.price,
            trade.quantity,
            corrected?.price ?? null,
            corrected?.quantity ?? null,
            trade.version,
            principal.userId,
          ],
        );
        appendAudit(em, {
          action: 'TRADE_CORRECTION_REQUESTED',
          subjectType: 'trade',
          subjectId: trade.id,
          ...auditActor(req),
          details: {
            correction_id: rows[0]!.id,
            action: body.action,
            reason: body.reason,
            before: { price: trade.price, quantity: trade.quantity },
            after: corrected,
          },
        });
        return rows[0]!;
      });
      return { status: 201, body: correctionJson(row) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settlement/corrections',
    summary: 'Trade corrections, newest first',
    tag: SETTLEMENT_TAG,
    access: ['OPERATIONS', 'COMPLIANCE_OFFICER', 'ADMIN'],
    request: {
      query: z.object({ status: z.enum(CORRECTION_STATUSES).optional(), trade_id: uuid.optional() }),
    },
    responses: {
      200: { description: 'Corrections', schema: z.object({ items: z.array(correctionSchema) }) },
    },
    async handler({ query, deps }) {
      const where = ['true'];
      const args: unknown[] = [];
      if (query.status) {
        where.push('status = ?');
        args.push(query.status);
      }
      if (query.trade_id) {
        where.push('trade_id = ?');
        args.push(query.trade_id);
      }
      const rows = await (deps.orm.em.fork() as EntityManager).execute<CorrectionRow[]>(
        `select ${COLUMNS} from trade_corrections where ${where.join(' and ')} order by id desc limit 1000`,
        args,
      );
      return { body: { items: rows.map(correctionJson) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/corrections/{correction_id}/approve',
    summary:
      'Approve a correction (four eyes: not its requester): the trade is busted or corrected, positions and obligations follow',
    tag: SETTLEMENT_TAG,
    access: ['COMPLIANCE_OFFICER'],
    request: { params: idParams, body: z.object({ comment: z.string().trim().max(2000).optional() }) },
    responses: {
      200: { description: 'Applied', schema: correctionSchema },
      403: { description: 'The requester may not approve' },
      409: { description: 'Decided already, the trade settled or is in a running settlement' },
    },
    async handler({ params, body, req, principal, deps }) {
      const { row, parties } = await (deps.orm.em.fork() as EntityManager).transactional(async (em) => {
        const correction = await lockCorrection(em, params.correction_id);
        try {
          assertFourEyes(correction.requested_by, principal.userId);
        } catch (err) {
          if (err instanceof SameApproverError)
            throw new Problem(403, '/errors/four-eyes', 'Forbidden', err.message);
          throw err;
        }
        const trade = await lockOpenTrade(em, correction.trade_id);
        if (trade.version !== correction.from_version) {
          throw problems.conflict(
            'trade-changed',
            `Trade ${trade.id} changed since the correction was requested.`,
          );
        }
        const inRun = await em.execute(
          `select 1 from settlement_run_trades r join settlement_runs s on s.id = r.run_id
            where r.trade_id = ? and r.outcome = 'PLANNED' and s.status = 'RUNNING'`,
          [trade.id],
        );
        if (inRun.length > 0) {
          throw problems.conflict(
            'settlement-in-progress',
            `Trade ${trade.id} is being settled; approve after the run.`,
          );
        }
        const corrected =
          correction.kind === 'CORRECT'
            ? { price: correction.new_price!, quantity: correction.new_quantity! }
            : null;
        const bond = await em.findOneOrFail(Bond, trade.bond_id);
        await restateHousePositions(
          em,
          bond,
          { ...trade, buyerId: trade.buyer_participant_id, sellerId: trade.seller_participant_id },
          corrected,
        );
        const toVersion = trade.version + 1;
        if (corrected) {
          await em.execute(
            `update trades set status = 'CORRECTED', price = ?, quantity = ?, version = ? where id = ?`,
            [corrected.price, corrected.quantity, toVersion, trade.id],
          );
        } else {
          await em.execute(
            `update trades set status = 'BUSTED', settlement_status = 'CANCELLED', version = ? where id = ?`,
            [toVersion, trade.id],
          );
        }
        const rows = await em.execute<CorrectionRow[]>(
          `update trade_corrections set status = 'APPLIED', to_version = ?, decided_by = ?, decided_at = now(), decision_comment = ?
            where id = ? returning ${COLUMNS}`,
          [toVersion, principal.userId, body.comment ?? null, correction.id],
        );
        // The regulators hear of it within the same 15 minutes as of the trade itself.
        await em.execute(`select enqueue_trade_report('TRADE', ?, ?)`, [
          trade.id,
          corrected ? 'AMEND' : 'CANCEL',
        ]);
        appendAudit(em, {
          action: corrected ? 'TRADE_CORRECTED' : 'TRADE_BUSTED',
          subjectType: 'trade',
          subjectId: trade.id,
          ...auditActor(req),
          details: {
            correction_id: correction.id,
            reason: correction.reason,
            comment: body.comment ?? null,
            requested_by: correction.requested_by,
            approved_by: principal.userId,
            before: {
              price: trade.price,
              quantity: trade.quantity,
              version: trade.version,
              status: trade.status,
            },
            after: corrected
              ? { ...corrected, version: toVersion, status: 'CORRECTED' }
              : { version: toVersion, status: 'BUSTED' },
          },
        });
        return { row: rows[0]!, parties: [trade.buyer_participant_id, trade.seller_participant_id] };
      });
      await houseRiskRecompute(deps.orm, riskQueue(deps))(parties, 'POSITION_CHANGE');
      return { body: correctionJson(row) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settlement/corrections/{correction_id}/reject',
    summary: 'Reject a correction with a reason; the trade stays as it is',
    tag: SETTLEMENT_TAG,
    access: ['COMPLIANCE_OFFICER'],
    request: {
      params: idParams,
      body: z.object({ comment: z.string().trim().min(5, 'must say why (5-2000 characters)').max(2000) }),
    },
    responses: { 200: { description: 'Rejected', schema: correctionSchema } },
    async handler({ params, body, req, principal, deps }) {
      const row = await (deps.orm.em.fork() as EntityManager).transactional(async (em) => {
        const correction = await lockCorrection(em, params.correction_id);
        const rows = await em.execute<CorrectionRow[]>(
          `update trade_corrections set status = 'REJECTED', decided_by = ?, decided_at = now(), decision_comment = ?
            where id = ? returning ${COLUMNS}`,
          [principal.userId, body.comment, correction.id],
        );
        appendAudit(em, {
          action: 'TRADE_CORRECTION_REJECTED',
          subjectType: 'trade',
          subjectId: correction.trade_id,
          ...auditActor(req),
          details: { correction_id: correction.id, reason: correction.reason, comment: body.comment },
        });
        return rows[0]!;
      });
      return { body: correctionJson(row) };
    },
  }),
];
