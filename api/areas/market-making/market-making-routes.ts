import Decimal from 'decimal.js';
import { z } from 'zod';
import { appendAudit } from '../../../db/audit-log';
import {
  Bond,
  DAY_START_MARK_SOURCES,
  MarketMaker,
  MarketMakerBond,
  MARKET_MAKER_STATUSES,
  Participant,
} from '../../../db/entities';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decimalText, positiveDecimalText } from '../../http/decimal-text';
import { fixedDecimal } from '../../http/decimal-json';
import { problems } from '../../http/problem';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { bondIdField } from '../trading/trading-fields';
import { fixedText, MM_ORDER_PREFIX } from '../../../domain/market-making';
import { marketMakerBook, marketMakerFills } from './market-maker-book';
import { marketMakerOwner } from './market-maker-owner';

const TAG = 'Market making';
const ACCESS = ['ADMIN', 'MARKET_MAKER'] as const;
const BASE = '/api/v1/trading/market-making';

const ownerQuery = z.object({
  participant_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'Required for an ADMIN' }),
});
const ownerBody = z.object({ participant_id: z.number().int().positive().optional() });
const bp = (what: string) => decimalText(4, what, { maxDigits: 5 });
const face = (what: string) => positiveDecimalText(2, what, { maxDigits: 18 });

const bondConfigBody = ownerBody.extend({
  enabled: z.boolean().default(true),
  quote_size: face('rupees of face value per quote'),
  max_inventory: face('rupees of face value, either way'),
  base_spread_bp: bp('basis points of yield between bid and offer'),
  volatility_multiplier: bp('extra half-spread per bp of fair-yield volatility').default('0.5'),
  thin_book_spread_bp: bp('extra half-spread when a side shows under two quote sizes').default('2'),
  inventory_skew_bp: bp('centre shift at a full inventory').default('5'),
  refresh_threshold_bp: bp('requote when fair value moves this far').default('1'),
});
const limitsBody = ownerBody.extend({
  max_dv01: face('rupees per basis point over the whole book'),
  max_daily_loss: face("rupees: today's loss that stops it"),
});
const stopBody = ownerBody.extend({ reason: z.string().trim().min(1).max(400).optional() });

const bondConfigSchema = z.object({
  bond_id: z.string(),
  enabled: z.boolean(),
  quote_size: z.string(),
  max_inventory: z.string(),
  base_spread_bp: z.string(),
  volatility_multiplier: z.string(),
  thin_book_spread_bp: z.string(),
  inventory_skew_bp: z.string(),
  refresh_threshold_bp: z.string(),
  updated_at: z.string(),
});
const statusSchema = z.object({
  participant_id: z.number().int(),
  status: z.enum(MARKET_MAKER_STATUSES),
  stop_reason: z.string().nullable(),
  max_dv01: z.string(),
  max_daily_loss: z.string(),
  bonds: z.array(bondConfigSchema),
  updated_at: z.string().nullable(),
});

const money = (n: number) => new Decimal(n).toFixed(2);

const dailyFields = {
  daily_pnl: z.string().meta({ description: "Today's P&L: the daily realised plus unrealised" }),
  daily_realised_pnl: z.string().meta({
    description: "Realised by today's fills, the carried inventory entering at its start-of-day mark",
  }),
  daily_unrealised_pnl: z.string().meta({ description: 'What is open now, marked at the fair price' }),
};

async function findOrCreate(em: EntityManager, participantId: number): Promise<MarketMaker> {
  const found = await em.findOne(MarketMaker, { participant: participantId });
  if (found) return found;
  const participant = await em.findOne(Participant, participantId);
  if (!participant || participant.isVenueOperator) throw problems.notFound(`Participant ${participantId}`);
  return em.create(MarketMaker, { participant });
}

const configJson = (c: MarketMakerBond) => ({
  bond_id: c.bond.code,
  enabled: c.enabled,
  quote_size: fixedDecimal(c.quoteSize, 2),
  max_inventory: fixedDecimal(c.maxInventory, 2),
  base_spread_bp: fixedDecimal(c.baseSpreadBp, 4),
  volatility_multiplier: fixedDecimal(c.volatilityMultiplier, 4),
  thin_book_spread_bp: fixedDecimal(c.thinBookSpreadBp, 4),
  inventory_skew_bp: fixedDecimal(c.inventorySkewBp, 4),
  refresh_threshold_bp: fixedDecimal(c.refreshThresholdBp, 4),
  updated_at: c.updatedAt.toISOString(),
});

async function statusJson(em: EntityManager, participantId: number) {
  const mm = await em.findOne(MarketMaker, { participant: participantId });
  const bonds = await em.find(
    MarketMakerBond,
    { participant: participantId },
    { populate: ['bond'], orderBy: { bond: { code: 'asc' } } },
  );
  return {
    participant_id: participantId,
    status: mm?.status ?? 'STOPPED',
    stop_reason: mm?.stopReason ?? null,
    max_dv01: fixedDecimal(mm?.maxDv01 ?? '50000', 2),
    max_daily_loss: fixedDecimal(mm?.maxDailyLoss ?? '1000000', 2),
    bonds: bonds.map(configJson),
    updated_at: mm?.updatedAt.toISOString() ?? null,
  };
}

/** Start, stop and limits: one audited change of the market maker's row. */
function stateRoute(
  path: string,
  summary: string,
  body: typeof stopBody | typeof limitsBody,
  action: string,
  apply: (mm: MarketMaker, body: z.infer<typeof stopBody> & Partial<z.infer<typeof limitsBody>>) => void,
) {
  return defineRoute({
    method: path.endsWith('limits') ? 'put' : 'post',
    path,
    summary,
    tag: TAG,
    access: ACCESS,
    request: { body },
    responses: { 200: { description: 'The market maker now', schema: statusSchema } },
    async handler({ body: b, principal, req, deps }) {
      const participantId = marketMakerOwner(principal, b.participant_id);
      const em = deps.orm.em.fork();
      await em.transactional(async (tx) => {
        const mm = await findOrCreate(tx, participantId);
        const before = { status: mm.status, max_dv01: mm.maxDv01, max_daily_loss: mm.maxDailyLoss };
        apply(mm, b as never);
        appendAudit(tx, {
          action,
          subjectType: 'market_maker',
          subjectId: participantId,
          ...auditActor(req),
          details: {
            before,
            after: { status: mm.status, max_dv01: mm.maxDv01, max_daily_loss: mm.maxDailyLoss },
          },
        });
      });
      return { body: await statusJson(deps.orm.em.fork(), participantId) };
    },
  });
}

export const marketMakingRoutes = [
  defineRoute({
    method: 'get',
    path: BASE,
    summary: "The market maker's status, limits and per-bond configuration",
    tag: TAG,
    access: ACCESS,
    request: { query: ownerQuery },
    responses: { 200: { description: 'The market maker', schema: statusSchema } },
    async handler({ query, principal, deps }) {
      return {
        body: await statusJson(deps.orm.em.fork(), marketMakerOwner(principal, query.participant_id)),
      };
    },
  }),
  stateRoute(
    `${BASE}/start`,
    'Start quoting every enabled bond',
    ownerBody as typeof stopBody,
    'MARKET_MAKER_STARTED',
    (mm) => {
      mm.status = 'RUNNING';
      mm.stopReason = null;
    },
  ),
  stateRoute(
    `${BASE}/stop`,
    'Stop quoting; the process withdraws its quotes',
    stopBody,
    'MARKET_MAKER_STOPPED',
    (mm, b) => {
      mm.status = 'STOPPED';
      mm.stopReason = b.reason ?? 'stopped by a user';
    },
  ),
  stateRoute(
    `${BASE}/limits`,
    'Set the book-wide DV01 and daily loss limits',
    limitsBody,
    'MARKET_MAKER_LIMITS_SET',
    (mm, b) => {
      mm.maxDv01 = b.max_dv01!;
      mm.maxDailyLoss = b.max_daily_loss!;
    },
  ),
  defineRoute({
    method: 'put',
    path: `${BASE}/bonds/{bond_id}`,
    summary: 'Configure how one bond is quoted (enabled: false stops quoting it)',
    tag: TAG,
    access: ACCESS,
    request: { params: z.object({ bond_id: bondIdField }), body: bondConfigBody },
    responses: {
      200: { description: 'The bond configuration', schema: bondConfigSchema },
      404: { description: 'No such bond' },
      422: { description: 'max_inventory below quote_size' },
    },
    async handler({ params, body, principal, req, deps }) {
      const participantId = marketMakerOwner(principal, body.participant_id);
      if (new Decimal(body.max_inventory).lt(body.quote_size)) {
        throw problems.validation([{ field: 'max_inventory', message: 'must be at least quote_size' }]);
      }
      const em = deps.orm.em.fork();
      const config = await em.transactional(async (tx) => {
        const bond = await tx.findOne(Bond, {
          $or: [{ code: params.bond_id.toUpperCase() }, { isin: params.bond_id.toUpperCase() }],
        });
        if (!bond) throw problems.notFound(`Bond ${params.bond_id}`);
        await findOrCreate(tx, participantId);
        const fields = {
          enabled: body.enabled,
          quoteSize: body.quote_size,
          maxInventory: body.max_inventory,
          baseSpreadBp: body.base_spread_bp,
          volatilityMultiplier: body.volatility_multiplier,
          thinBookSpreadBp: body.thin_book_spread_bp,
          inventorySkewBp: body.inventory_skew_bp,
          refreshThresholdBp: body.refresh_threshold_bp,
        };
        let c = await tx.findOne(MarketMakerBond, { participant: participantId, bond });
        if (c) tx.assign(c, fields);
        else c = tx.create(MarketMakerBond, { participant: participantId, bond, ...fields });
        appendAudit(tx, {
          action: 'MARKET_MAKER_BOND_CONFIGURED',
          subjectType: 'market_maker',
          subjectId: participantId,
          ...auditActor(req),
          details: { bond: bond.code, after: body },
        });
        return c;
      });
      return { body: configJson(config) };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${BASE}/quotes`,
    summary: "The market maker's live quotes (its open orders)",
    tag: TAG,
    access: ACCESS,
    request: { query: ownerQuery },
    responses: {
      200: {
        description: 'Open quotes',
        schema: z.object({
          items: z.array(
            z.object({
              order_id: z.string(),
              client_order_id: z.string(),
              bond_id: z.string(),
              side: z.enum(['BUY', 'SELL']),
              price: z.string(),
              quantity: z.string(),
              filled_quantity: z.string(),
              status: z.string(),
              created_at: z.string(),
            }),
          ),
        }),
      },
    },
    async handler({ query, principal, deps }) {
      const participantId = marketMakerOwner(principal, query.participant_id);
      const rows = (
        await deps.pg.query(
          `select o.id, o.client_order_id, b.code, o.side::text, o.price::text, o.quantity::text, o.filled_quantity::text,
                  o.status::text, o.created_at
             from orders o join bonds b on b.id = o.bond_id
            where o.participant_id = $1 and o.client_order_id like $2
              and o.status in ('PENDING_NEW', 'NEW', 'PARTIALLY_FILLED')
            order by b.code, o.side, o.created_at`,
          [participantId, `${MM_ORDER_PREFIX}%`],
        )
      ).rows;
      return {
        body: {
          items: rows.map((o) => ({
            order_id: o.id,
            client_order_id: o.client_order_id,
            bond_id: o.code,
            side: o.side,
            price: fixedDecimal(o.price, 4),
            quantity: fixedDecimal(o.quantity, 2),
            filled_quantity: fixedDecimal(o.filled_quantity, 2),
            status: o.status,
            created_at: (o.created_at as Date).toISOString(),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${BASE}/fills`,
    summary: "The market maker's fills, newest first",
    tag: TAG,
    access: ACCESS,
    request: { query: ownerQuery.extend({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
    responses: {
      200: {
        description: 'Fills',
        schema: z.object({
          items: z.array(
            z.object({
              trade_id: z.string(),
              order_id: z.string(),
              bond_id: z.string(),
              side: z.enum(['BUY', 'SELL']),
              price: z.string(),
              quantity: z.string(),
              executed_at: z.string(),
            }),
          ),
        }),
      },
    },
    async handler({ query, principal, deps }) {
      const participantId = marketMakerOwner(principal, query.participant_id);
      const rows = await marketMakerFills(deps, participantId, { newestFirst: true, limit: query.limit });
      return {
        body: {
          items: rows.map((t) => ({
            trade_id: t.trade_id,
            order_id: t.order_id,
            bond_id: t.bond_code,
            side: t.side,
            price: fixedDecimal(t.price, 4),
            quantity: fixedDecimal(t.quantity, 2),
            executed_at: t.executed_at.toISOString(),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${BASE}/positions`,
    summary:
      "The market maker's inventory, P&L (marked at fair value) and DV01 per bond, with totals; today's P&L revalues the inventory carried into the day from its start-of-day mark",
    tag: TAG,
    access: ACCESS,
    request: { query: ownerQuery },
    responses: {
      200: {
        description: 'Inventory and P&L',
        schema: z.object({
          day_start: z.string().meta({
            description:
              "When today's P&L began: the latest of the bonds' day starts (the schedule's previous close with no bond)",
          }),
          items: z.array(
            z.object({
              bond_id: z.string(),
              inventory: z.string(),
              average_price: z.string().nullable(),
              fair_price: z.string().nullable(),
              fair_yield_pct: z.number().nullable(),
              pv01: z.number().nullable(),
              realised_pnl: z.string(),
              unrealised_pnl: z.string(),
              ...dailyFields,
              day_start: z.string().meta({
                description:
                  "When this bond's P&L day began: the latest trading-day end of its settlement system, whose holidays are no trading days",
              }),
              start_of_day: z
                .object({
                  inventory: z.string(),
                  mark_price: z.string(),
                  mark_source: z.enum(DAY_START_MARK_SOURCES),
                  carry_pnl: z.string().meta({
                    description:
                      'The carried inventory revalued from the start-of-day mark to the fair price',
                  }),
                })
                .nullable(),
              dv01: z.string().meta({ description: 'Rupees per bp of the inventory' }),
            }),
          ),
          total: z.object({
            realised_pnl: z.string(),
            unrealised_pnl: z.string(),
            ...dailyFields,
            carry_pnl: z.string(),
            dv01: z.string(),
          }),
        }),
      },
    },
    async handler({ query, principal, deps }) {
      const { dayStart, bonds } = await marketMakerBook(
        deps,
        marketMakerOwner(principal, query.participant_id),
      );
      const paise = (f: (b: (typeof bonds)[number]) => bigint) =>
        fixedText(
          bonds.reduce((a, b) => a + f(b), 0n),
          2,
        );
      return {
        body: {
          day_start: dayStart.toISOString(),
          items: bonds.map((b) => ({
            bond_id: b.code,
            inventory: b.inventory,
            average_price: b.averagePrice,
            fair_price: b.fairPrice,
            fair_yield_pct: b.fairYieldPct === null ? null : Number(b.fairYieldPct.toFixed(4)),
            pv01: b.pv01 === null ? null : Number(b.pv01.toFixed(6)),
            realised_pnl: fixedText(b.realisedPaise, 2),
            unrealised_pnl: fixedText(b.unrealisedPaise, 2),
            daily_pnl: fixedText(b.daily.totalPaise, 2),
            daily_realised_pnl: fixedText(b.daily.realisedPaise, 2),
            daily_unrealised_pnl: fixedText(b.daily.unrealisedPaise, 2),
            day_start: b.pnlDayStart.toISOString(),
            start_of_day: b.dayStart && {
              inventory: fixedDecimal(b.dayStart.inventory, 2),
              mark_price: fixedDecimal(b.dayStart.markPrice, 4),
              mark_source: b.dayStart.markSource,
              carry_pnl: fixedText(b.daily.carryPaise, 2),
            },
            dv01: money(b.dv01),
          })),
          total: {
            realised_pnl: paise((b) => b.realisedPaise),
            unrealised_pnl: paise((b) => b.unrealisedPaise),
            daily_pnl: paise((b) => b.daily.totalPaise),
            daily_realised_pnl: paise((b) => b.daily.realisedPaise),
            daily_unrealised_pnl: paise((b) => b.daily.unrealisedPaise),
            carry_pnl: paise((b) => b.daily.carryPaise),
            dv01: money(bonds.reduce((a, b) => a + b.dv01, 0)),
          },
        },
      };
    },
  }),
];
