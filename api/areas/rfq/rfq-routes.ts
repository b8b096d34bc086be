import Decimal from 'decimal.js';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { Role } from '../../../domain/access/roles';
import { settlementSystemOf } from '../../../domain/calendar/settlement-systems';
import { istDate } from '../../../domain/auctions/settlement-date';
import {
  nextRfqState,
  QUOTE_BASES,
  RFQ_MAX_DEALERS,
  RFQ_MAX_WINDOW_SECONDS,
  RFQ_MIN_WINDOW_SECONDS,
  RFQ_QUOTE_STATES,
  RFQ_STATES,
  RfqStateError,
} from '../../../domain/rfq/rfq-rules';
import { SIDE_NAMES } from '../../../domain/trading/order-names';
import { loadBusinessCalendar } from '../../../db/calendar/holiday-store';
import { inTransaction } from '../../../db/pg-transaction';
import { notifyRfqParties } from '../../../db/rfq/rfq-notifications';
import {
  acceptQuote,
  closeRfq,
  insertRfq,
  quoteRfq,
  readQuotes,
  readRfq,
  readRfqTrade,
  rfqJson,
  viewerOf,
  withdrawQuote,
  type RfqRow,
  type StepResult,
} from '../../../db/rfq/rfq-steps';
import { requestAutomaticRecompute } from '../../../platform/queues';
import { invalidateMarketData } from '../trading/market-data';
import { rfqStepSignal, rfqWorkflowId } from '../../../workflows/rfq/rfq-messages';
import { bondPricing } from '../../../activities/auctions/bond-pricing';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { positiveDecimalText } from '../../http/decimal-text';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { findBond } from '../bonds/find-bond';
import {
  counterpartyRegulatoryProblem,
  regulatoryProblem,
  runRegulatoryChecks,
} from '../compliance/regulatory-gate';
import { openFpiLimitException } from '../compliance/refusal-exceptions';
import { riskQueue } from '../risk-portfolios/risk-queue';
import { bondIdField, orderQuantityField, TRADING_TAG } from '../trading/trading-fields';

const REQUESTER_ROLES: readonly Role[] = ['TRADER', 'MARKET_MAKER'];
const DEALER_ROLES: readonly Role[] = ['MARKET_MAKER'];
const TAG = `${TRADING_TAG} (RFQ)`;

const rfqParams = z.object({ rfq_id: z.uuid() });

const quoteSchema = z.object({
  quote_id: z.uuid(),
  dealer_participant_id: z.number().int(),
  basis: z.enum(QUOTE_BASES),
  price: z.string(),
  yield_pct: z.string().nullable(),
  state: z.enum(RFQ_QUOTE_STATES),
  quoted_at: z.string(),
});

const rfqSchema = z
  .object({
    rfq_id: z.uuid(),
    requester_participant_id: z.number().int(),
    bond_id: z.string(),
    isin: z.string(),
    side: z.enum(SIDE_NAMES).meta({ description: "The requester's side" }),
    quantity: z.string(),
    state: z.enum(RFQ_STATES),
    expires_at: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable(),
    dealer_participant_ids: z.array(z.number().int()),
    quotes: z.array(quoteSchema),
    accepted_quote_id: z.uuid().nullable(),
    trade: z
      .object({
        trade_id: z.uuid(),
        price: z.string(),
        quantity: z.string(),
        buyer_participant_id: z.number().int(),
        seller_participant_id: z.number().int(),
        executed_at: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'Rfq' });

const createBody = z.object({
  participant_id: z.number().int().positive().optional(),
  bond_id: bondIdField,
  side: z.enum(SIDE_NAMES),
  quantity: orderQuantityField,
  dealer_participant_ids: z.array(z.number().int().positive()).min(1).max(RFQ_MAX_DEALERS),
  response_window_seconds: z
    .number()
    .int()
    .min(RFQ_MIN_WINDOW_SECONDS)
    .max(RFQ_MAX_WINDOW_SECONDS)
    .default(60),
});

const quoteBody = z
  .object({
    price: positiveDecimalText(4, 'a clean price per 100', { maxDigits: 8 }).optional(),
    yield_pct: positiveDecimalText(4, 'a yield in percent', { maxDigits: 4 }).optional(),
  })
  .refine((b) => (b.price === undefined) !== (b.yield_pct === undefined), {
    message: 'give exactly one of price and yield_pct',
    path: ['price'],
  });

const rfqResponses = { 200: { description: 'The RFQ as the caller may see it', schema: rfqSchema } };

/** The RFQ if the caller is its requester or one of its dealers; anyone else gets 404. */
async function visibleRfq(deps: AppDeps, principal: Principal, id: string) {
  const rfq = await readRfq(deps.pg, id);
  const viewer = rfq && viewerOf(rfq, principal.participantId);
  if (!rfq || !viewer) throw problems.notFound(`RFQ ${id}`);
  return { rfq, viewer };
}

/**
 * One step under the RFQ's row lock, then (after the commit) the parties' messages, the risk
 * recompute of moved positions and the workflow's signal. Only `who` (the requester, or one of the
 * RFQ's dealers) may take the step; anyone else is told the RFQ does not exist.
 */
async function step(
  deps: AppDeps,
  principal: Principal,
  id: string,
  who: 'REQUESTER' | 'DEALER',
  action: string,
  run: (client: PoolClient, rfq: RfqRow) => Promise<StepResult | null>,
) {
  const result = await inTransaction(deps.pg, async (client) => {
    const rfq = await readRfq(client, id, true);
    const viewer = rfq && viewerOf(rfq, principal.participantId);
    if (!rfq || !viewer) throw problems.notFound(`RFQ ${id}`);
    if (viewer.kind !== who) {
      throw problems.forbidden(
        who === 'REQUESTER' ? 'Only the requester may do this.' : 'Only a dealer may quote.',
      );
    }
    try {
      return await run(client, rfq);
    } catch (err) {
      if (err instanceof RfqStateError) throw problems.conflict('rfq-state', err.message);
      throw err;
    }
  });
  if (!result) throw problems.conflict('rfq-state', 'You have no active quote on this RFQ.');
  await notifyRfqParties(deps.wsEvents, action, result);
  for (const portfolio of result.portfolios)
    await requestAutomaticRecompute(riskQueue(deps), portfolio, 'FILL');
  await deps.temporal.workflow
    .getHandle(rfqWorkflowId(id))
    .signal(rfqStepSignal, { step: action, state: result.rfq.state })
    .catch((err: unknown) => deps.log.warn({ err, rfq_id: id }, 'rfq workflow signal failed'));
  return result;
}

const opposite = (side: 'BUY' | 'SELL') => (side === 'BUY' ? 'SELL' : 'BUY');

/**
 * The pre-trade regulatory checks (FPI limit, short sale) of one party's side of the RFQ trade,
 * recorded like an order's: a dealer's when it quotes (a quote is firm, taken without the dealer
 * acting again), and both sides when the requester accepts. The RFQ step is refused when they fail.
 */
const rfqChecks = async (
  deps: AppDeps,
  subjectType: 'RFQ_QUOTE' | 'RFQ_ACCEPT',
  rfq: RfqRow,
  participantId: number,
  side: 'BUY' | 'SELL',
) => {
  const input = {
    subjectType,
    participantId,
    bondId: rfq.bond_id,
    side,
    faceValue: rfq.quantity,
    field: subjectType === 'RFQ_QUOTE' ? 'quantity' : 'quote_id',
  };
  const result = await runRegulatoryChecks(deps.pg, input);
  if (result.failed.length) openFpiLimitException(deps, input, result);
  return result;
};

/** Dealers: active participants with an active MARKET_MAKER user (the venue's registered dealers). */
async function checkDealers(deps: AppDeps, requester: number, dealers: number[]) {
  const unique = [...new Set(dealers)];
  const r = await deps.pg.query(
    `select p.id from participants p
      where p.id = any($1::int[]) and p.status = 'ACTIVE' and not p.is_venue_operator
        and exists (select 1 from users u where u.participant_id = p.id and u.status = 'ACTIVE'
                    and 'MARKET_MAKER' = any(u.roles))`,
    [unique],
  );
  const found = new Set(r.rows.map((x) => x.id as number));
  const bad = unique.filter((d) => d === requester || !found.has(d));
  if (bad.length || unique.length !== dealers.length) {
    throw problems.validation([
      {
        field: 'dealer_participant_ids',
        message: bad.length ? `not dealers you may ask: ${bad.join(', ')}` : 'each dealer may be named once',
      },
    ]);
  }
  return unique;
}

export const rfqRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/rfq',
    summary:
      'Ask chosen dealers for a quote on a bond, side and size within a response window (workflow rfq-<id>)',
    tag: TAG,
    access: REQUESTER_ROLES,
    request: { body: createBody },
    responses: { 201: { description: 'The RFQ, OPEN', schema: rfqSchema } },
    async handler({ body, principal, req, deps }) {
      if (body.participant_id !== undefined && body.participant_id !== principal.participantId) {
        throw problems.forbidden('participant_id must be your own participant.');
      }
      const bond = await findBond(deps.orm.em.fork(), body.bond_id);
      if (!bond.isTradable) {
        throw problems.validation([{ field: 'bond_id', message: 'the bond is not tradable' }]);
      }
      if (!new Decimal(body.quantity).mod(bond.lotSize).isZero()) {
        throw problems.validation([
          { field: 'quantity', message: `must be a multiple of the lot size ${bond.lotSize}` },
        ]);
      }
      const dealers = await checkDealers(deps, principal.participantId, body.dealer_participant_ids);
      const rfq = await inTransaction(deps.pg, async (client) => {
        const row = await insertRfq(
          client,
          {
            requesterParticipantId: principal.participantId,
            requesterUserId: principal.userId,
            bondId: bond.id,
            side: body.side,
            quantity: body.quantity,
            windowSeconds: body.response_window_seconds,
            dealers,
          },
          auditActor(req),
        );
        // Started inside the transaction: an RFQ without its timer never commits.
        try {
          await deps.temporal.workflow.start('rfqWorkflow', {
            taskQueue: deps.config.temporal.taskQueue,
            workflowId: rfqWorkflowId(row.id),
            args: [{ rfqId: row.id, expiresAt: new Date(row.expires_at).toISOString() }],
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            memo: { state: 'OPEN', bond: row.isin },
          });
        } catch {
          throw problems.unavailable('The RFQ scheduler (Temporal)');
        }
        return row;
      });
      await notifyRfqParties(deps.wsEvents, 'CREATED', { rfq, quotes: [], trade: null });
      return { status: 201, body: rfqJson(rfq, [], null, { kind: 'REQUESTER' }) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/rfq',
    summary: "RFQs the caller's participant sent or was asked to quote on, newest first",
    tag: TAG,
    access: REQUESTER_ROLES,
    request: {
      query: z.object({
        state: z.enum(RFQ_STATES).optional(),
        role: z.enum(['REQUESTER', 'DEALER']).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: { description: 'RFQs', schema: z.object({ items: z.array(rfqSchema), next_cursor: z.null() }) },
    },
    async handler({ query, principal, deps }) {
      const me = principal.participantId;
      const mine = query.role === 'DEALER' ? 'false' : 'r.requester_participant_id = $1';
      const asked =
        query.role === 'REQUESTER'
          ? 'false'
          : 'exists (select 1 from rfq_dealers d where d.rfq_id = r.id and d.participant_id = $1)';
      const ids = await deps.pg.query(
        `select r.id from rfqs r where (${mine} or ${asked}) and ($2::rfq_state is null or r.state = $2)
          order by r.created_at desc, r.id desc limit $3`,
        [me, query.state ?? null, query.limit],
      );
      const items = [];
      for (const { id } of ids.rows) {
        const rfq = (await readRfq(deps.pg, id as string))!;
        items.push(
          rfqJson(
            rfq,
            await readQuotes(deps.pg, rfq.id),
            await readRfqTrade(deps.pg, rfq.id),
            viewerOf(rfq, me)!,
          ),
        );
      }
      return { body: { items, next_cursor: null } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/rfq/{rfq_id}',
    summary: 'One RFQ: the requester sees every quote, a dealer only its own',
    tag: TAG,
    access: REQUESTER_ROLES,
    request: { params: rfqParams },
    responses: rfqResponses,
    async handler({ params, principal, deps }) {
      const { rfq, viewer } = await visibleRfq(deps, principal, params.rfq_id);
      return {
        body: rfqJson(rfq, await readQuotes(deps.pg, rfq.id), await readRfqTrade(deps.pg, rfq.id), viewer),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/rfq/{rfq_id}/quotes',
    summary:
      "A dealer's quote as a clean price or a yield (converted with the bond's math at T+1); replaces its previous one. The dealer's side passes the pre-trade regulatory checks first (422 otherwise)",
    tag: TAG,
    access: DEALER_ROLES,
    request: { params: rfqParams, body: quoteBody },
    responses: rfqResponses,
    async handler({ params, body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const result = await step(deps, principal, params.rfq_id, 'DEALER', 'QUOTED', async (client, rfq) => {
        nextRfqState(rfq.state, 'QUOTE', rfq.window_open, 1);
        const dealerSide = await rfqChecks(
          deps,
          'RFQ_QUOTE',
          rfq,
          principal.participantId,
          opposite(rfq.side),
        );
        if (dealerSide.failed.length) throw regulatoryProblem('quantity', dealerSide);
        let price = body.price;
        if (body.yield_pct !== undefined) {
          const bond = await findBond(em, rfq.isin);
          const calendar = await loadBusinessCalendar(em, settlementSystemOf(bond.bondType));
          const settlement = calendar.settlementDate(istDate(Date.now()), 1);
          price = bondPricing(bond, settlement, false).priceFromYield!(body.yield_pct, bond.couponPct);
        }
        return quoteRfq(
          client,
          rfq,
          {
            dealerParticipantId: principal.participantId,
            basis: body.yield_pct === undefined ? 'PRICE' : 'YIELD',
            price: price!,
            yieldPct: body.yield_pct ?? null,
          },
          auditActor(req),
        );
      });
      return {
        body: rfqJson(
          result.rfq,
          result.quotes,
          result.trade,
          viewerOf(result.rfq, principal.participantId)!,
        ),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/rfq/{rfq_id}/quotes/withdraw',
    summary: 'A dealer withdraws its active quote',
    tag: TAG,
    access: DEALER_ROLES,
    request: { params: rfqParams },
    responses: rfqResponses,
    async handler({ params, principal, req, deps }) {
      const result = await step(deps, principal, params.rfq_id, 'DEALER', 'QUOTE_WITHDRAWN', (client, rfq) =>
        withdrawQuote(client, rfq, principal.participantId, auditActor(req)),
      );
      return {
        body: rfqJson(
          result.rfq,
          result.quotes,
          result.trade,
          viewerOf(result.rfq, principal.participantId)!,
        ),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/rfq/{rfq_id}/accept',
    summary:
      'The requester accepts one active quote within the window: a trade at its price (execution_mechanism RFQ), after the pre-trade regulatory checks of both sides (422 when either fails)',
    tag: TAG,
    access: REQUESTER_ROLES,
    request: { params: rfqParams, body: z.object({ quote_id: z.uuid() }) },
    responses: rfqResponses,
    async handler({ params, body, principal, req, deps }) {
      const result = await step(
        deps,
        principal,
        params.rfq_id,
        'REQUESTER',
        'ACCEPTED',
        async (client, rfq) => {
          const quote = (await readQuotes(client, rfq.id)).find((q) => q.id === body.quote_id);
          if (!quote)
            throw problems.validation([{ field: 'quote_id', message: 'is not a quote of this RFQ' }]);
          if (quote.state !== 'ACTIVE') throw problems.conflict('rfq-state', `The quote is ${quote.state}.`);
          nextRfqState(rfq.state, 'ACCEPT', rfq.window_open, 0);
          // Both sides are checked and recorded before either refusal, as at the moment of the trade.
          const own = await rfqChecks(deps, 'RFQ_ACCEPT', rfq, rfq.requester_participant_id, rfq.side);
          const dealer = await rfqChecks(
            deps,
            'RFQ_ACCEPT',
            rfq,
            quote.dealer_participant_id,
            opposite(rfq.side),
          );
          if (own.failed.length) throw regulatoryProblem('quote_id', own);
          if (dealer.failed.length) throw counterpartyRegulatoryProblem('quote_id', dealer);
          return acceptQuote(client, rfq, quote, auditActor(req));
        },
      );
      await invalidateMarketData(deps, result.rfq.bond_id);
      return { body: rfqJson(result.rfq, result.quotes, result.trade, { kind: 'REQUESTER' }) };
    },
  }),
  ...(['withdraw', 'reject'] as const).map((verb) =>
    defineRoute({
      method: 'post',
      path: `/api/v1/trading/rfq/{rfq_id}/${verb}`,
      summary:
        verb === 'withdraw'
          ? 'The requester withdraws its RFQ (no trade)'
          : 'The requester rejects every quote and closes the RFQ (no trade)',
      tag: TAG,
      access: REQUESTER_ROLES,
      request: { params: rfqParams },
      responses: rfqResponses,
      async handler({ params, principal, req, deps }) {
        const [stepName, action] =
          verb === 'withdraw' ? (['WITHDRAW', 'WITHDRAWN'] as const) : (['REJECT', 'REJECTED'] as const);
        const result = await step(deps, principal, params.rfq_id, 'REQUESTER', action, (client, rfq) =>
          closeRfq(client, rfq, stepName, auditActor(req)),
        );
        return { body: rfqJson(result.rfq, result.quotes, result.trade, { kind: 'REQUESTER' }) };
      },
    }),
  ),
];
