import { z } from 'zod';
import { SNAPSHOT_DEPTH } from '../../../platform/trading-transport';
import { defineRoute } from '../../http/route-spec';
import { fixedDecimal } from '../../http/decimal-json';
import { readBookSnapshot } from './book-snapshot';
import { latestMarketData } from './market-data';
import { findTradingBond } from './trading-context';
import {
  bondIdField,
  bondParams,
  levelSchema,
  orderBookSchema,
  pageOf,
  tradeSchema,
  TRADING_TAG,
} from './trading-fields';

const depthQuery = z.object({ depth: z.coerce.number().int().min(1).max(SNAPSHOT_DEPTH).default(10) });

const tradesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .regex(/^\d+_[0-9a-f-]{36}$/, 'must be a cursor returned by a previous page')
    .optional(),
  bond_id: bondIdField.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  participant_id: z.coerce.number().int().positive().optional().meta({ description: 'Venue staff only' }),
});

const marketDataSchema = z.object({
  bond_id: z.string(),
  isin: z.string(),
  session: z.string(),
  halted: z.boolean(),
  best_bid: levelSchema.nullable(),
  best_ask: levelSchema.nullable(),
  spread: z.string().nullable(),
  bids: z.array(levelSchema),
  asks: z.array(levelSchema),
  last_price: z.string().nullable(),
  last_yield_pct: z
    .number()
    .nullable()
    .meta({ description: 'Yield to maturity at the last price, settling today' }),
  volume: z.string().meta({ description: "Today's traded face value (UTC day)" }),
  trades: z.number().int(),
  vwap: z.string().nullable(),
  open: z.string().nullable(),
  high: z.string().nullable(),
  low: z.string().nullable(),
  close: z.string().nullable(),
  sequence: z.number().int(),
});

export const marketRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/orderbook/{bond_id}',
    summary: 'The order book: aggregated displayed levels, best first, anonymous',
    tag: TRADING_TAG,
    access: 'authenticated',
    request: { params: bondParams, query: depthQuery },
    responses: {
      200: { description: 'The book after the last committed batch', schema: orderBookSchema },
      404: { description: 'No such bond' },
    },
    async handler({ params, query, deps }) {
      const book = await readBookSnapshot(deps, await findTradingBond(deps.pg, params.bond_id));
      return {
        body: { ...book, bids: book.bids.slice(0, query.depth), asks: book.asks.slice(0, query.depth) },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/market-data/{bond_id}',
    summary: "Best bid and ask, spread, depth, last price and its yield, and today's volume, VWAP and OHLC",
    tag: TRADING_TAG,
    access: 'authenticated',
    request: { params: bondParams, query: depthQuery },
    responses: {
      200: { description: 'Market data', schema: marketDataSchema },
      404: { description: 'No such bond' },
    },
    async handler({ params, query, deps }) {
      const md = await latestMarketData(deps, params.bond_id);
      return { body: { ...md, bids: md.bids.slice(0, query.depth), asks: md.asks.slice(0, query.depth) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/trades',
    summary: "Trade history, newest first: members see their own side of their participant's trades",
    tag: TRADING_TAG,
    access: 'authenticated',
    request: { query: tradesQuery },
    responses: {
      200: {
        description: 'A page of trades (one row per side for venue staff)',
        schema: pageOf(tradeSchema),
      },
    },
    async handler({ query, principal, deps }) {
      const participant = principal.isVenueStaff ? query.participant_id : principal.participantId;
      const args: unknown[] = [];
      const where: string[] = [];
      const add = (sql: string, value: unknown) => {
        args.push(value);
        where.push(sql.replaceAll('?', `$${args.length}`));
      };
      if (participant) add('s.participant_id = ?', participant);
      if (query.bond_id) add('(b.isin = upper(?) or b.code = upper(?))', query.bond_id);
      if (query.from) add('t.executed_at >= ?', query.from);
      if (query.to) add('t.executed_at < ?', query.to);
      if (query.cursor) {
        const [ms, id] = query.cursor.split('_');
        args.push(new Date(Number(ms)), id);
        where.push(`(t.executed_at, t.id) < ($${args.length - 1}, $${args.length})`);
      }
      args.push(query.limit + 1);
      const rows = (
        await deps.pg.query(
          `select t.id, b.code, b.isin, s.order_id, s.side, t.price::text, t.quantity::text, t.aggressor_side::text,
                  t.executed_at, t.sequence::int, t.execution_mechanism::text, t.rfq_id::text, t.status::text,
                  t.settlement_date::text, t.settlement_status::text
             from trades t join bonds b on b.id = t.bond_id
             cross join lateral (values (t.buy_order_id, 'BUY', t.buyer_participant_id),
                                        (t.sell_order_id, 'SELL', t.seller_participant_id)) as s(order_id, side, participant_id)
            ${where.length ? `where ${where.join(' and ')}` : ''}
            order by t.executed_at desc, t.id desc, s.side limit $${args.length}`,
          args,
        )
      ).rows;
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        body: {
          items: items.map((t) => ({
            trade_id: t.id,
            bond_id: t.code,
            isin: t.isin,
            order_id: t.order_id,
            execution_mechanism: t.execution_mechanism,
            rfq_id: t.rfq_id,
            side: t.side,
            price: fixedDecimal(t.price, 4),
            quantity: fixedDecimal(t.quantity, 2),
            aggressor: t.aggressor_side === null ? null : t.aggressor_side === t.side,
            executed_at: (t.executed_at as Date).toISOString(),
            sequence: t.sequence,
            status: t.status,
            settlement_date: t.settlement_date,
            settlement_status: t.settlement_status,
          })),
          next_cursor:
            rows.length > query.limit && last ? `${(last.executed_at as Date).getTime()}_${last.id}` : null,
        },
      };
    },
  }),
];
