import { z } from 'zod';
import Decimal from 'decimal.js';
import {
  checkPreTrade,
  codeOf,
  OPEN_ORDER_STATUSES,
  ORDER_STATUSES,
  ORDER_TYPE_NAMES,
  SIDE_NAMES,
  TIME_IN_FORCE_NAMES,
  type OrderTypeName,
  type TimeInForceName,
} from '../../../domain/trading';
import type { Role } from '../../../domain/access/roles';
import { openPriceBandException } from '../compliance/refusal-exceptions';
import { problems } from '../../http/problem';
import { defineRoute } from '../../http/route-spec';
import { findVisibleOrder } from './order-access';
import { ORDER_SELECT, orderJson, type OrderRow } from './order-rows';
import { preTradeProblem, submitOrder } from './order-submission';
import { submitCommands } from './trading-commands';
import { findTradingBond, preTradeInstrument, tradingParticipant } from './trading-context';
import {
  bondIdField,
  modifyBody,
  orderBody,
  orderIdParams,
  orderSchema,
  pageOf,
  TRADING_TAG,
} from './trading-fields';

export const ORDER_ROLES: readonly Role[] = ['TRADER', 'MARKET_MAKER'];
/** Venue staff who may cancel any member's order. */
const CANCELLING_STAFF: readonly Role[] = ['ADMIN', 'OPERATIONS'];

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous page').optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional().meta({ description: 'true: only orders that can still trade' }),
  bond_id: bondIdField.optional(),
  side: z.enum(SIDE_NAMES).optional(),
  client_order_id: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  participant_id: z.coerce.number().int().positive().optional().meta({ description: 'Venue staff only' }),
});

const LIVE = `'${OPEN_ORDER_STATUSES.join("','")}'`;

export const orderRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/trading/orders',
    summary: 'Submit an order (201 once committed; fills follow on the WebSocket and in GET)',
    tag: TRADING_TAG,
    access: ORDER_ROLES,
    request: { body: orderBody },
    responses: {
      201: {
        description: 'Committed, status PENDING_NEW until the matching worker applies it',
        schema: orderSchema,
      },
      200: {
        description: 'The same client_order_id with the same order: the original, unchanged',
        schema: orderSchema,
      },
      403: { description: 'participant_id is not your own' },
      404: { description: 'No such bond' },
      409: {
        description:
          'client_order_id reused for a different order, or the venue refuses orders now (reason TRADING_HALTED, MARKET_CLOSED, KILL_SWITCH_ACTIVE, ...)',
      },
      422: { description: 'Validation or pre-trade checks failed; `reason` and `reasons` give the codes' },
    },
    async handler({ body, principal, deps }) {
      const { status, order } = await submitOrder(deps, principal, body);
      return { status, body: orderJson(order), headers: { Location: `/api/v1/trading/orders/${order.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/orders',
    summary: 'Order history, newest first, with filters (members see only their own)',
    tag: TRADING_TAG,
    access: 'authenticated',
    request: { query: listQuery },
    responses: { 200: { description: 'A page of orders', schema: pageOf(orderSchema) } },
    async handler({ query, principal, deps }) {
      const where: string[] = [];
      const args: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        args.push(value);
        where.push(sql.replaceAll('?', `$${args.length}`));
      };
      if (!principal.isVenueStaff) add('o.participant_id = ?', principal.participantId);
      else if (query.participant_id) add('o.participant_id = ?', query.participant_id);
      if (query.cursor) add('o.engine_id < ?', query.cursor);
      if (query.status) add('o.status = ?::order_status', query.status);
      if (query.open === 'true') where.push(`o.status in (${LIVE})`);
      if (query.open === 'false') where.push(`o.status not in (${LIVE})`);
      if (query.bond_id) add('(b.isin = upper(?) or b.code = upper(?))', query.bond_id);
      if (query.side) add('o.side = ?::order_side', query.side);
      if (query.client_order_id) add('o.client_order_id = ?', query.client_order_id);
      if (query.from) add('o.created_at >= ?', query.from);
      if (query.to) add('o.created_at < ?', query.to);
      args.push(query.limit + 1);
      const rows = (
        await deps.pg.query<OrderRow>(
          `${ORDER_SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by o.engine_id desc limit $${args.length}`,
          args,
        )
      ).rows;
      const items = rows.slice(0, query.limit);
      return {
        body: {
          items: items.map(orderJson),
          next_cursor: rows.length > query.limit ? items[items.length - 1]!.engine_id : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trading/orders/{order_id}',
    summary: 'One order',
    tag: TRADING_TAG,
    access: 'authenticated',
    request: { params: orderIdParams },
    responses: {
      200: { description: 'The order', schema: orderSchema },
      404: { description: "Not found (or another participant's)" },
    },
    async handler({ params, principal, deps }) {
      return { body: orderJson(await findVisibleOrder(deps.pg, principal, params.order_id)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/trading/orders/{order_id}',
    summary: 'Modify an order: quantity is the new total including what has filled (FIX)',
    tag: TRADING_TAG,
    access: ORDER_ROLES,
    request: { params: orderIdParams, body: modifyBody },
    responses: {
      202: {
        description:
          'Committed; the matching worker applies it and confirms with an order_update (a lower quantity at the same price keeps time priority)',
        schema: orderSchema,
      },
      404: { description: "Not found (or another participant's)" },
      409: { description: 'The order can no longer be modified, or the venue refuses changes now' },
      422: { description: 'Validation or pre-trade checks failed' },
    },
    async handler({ params, body, principal, deps }) {
      const order = await findVisibleOrder(deps.pg, principal, params.order_id);
      if (order.participant_id !== principal.participantId) throw problems.notFound('Order');
      if (!OPEN_ORDER_STATUSES.includes(order.status as never)) {
        throw problems.conflict(
          'order-not-open',
          `The order is ${order.status} and can no longer be modified.`,
        );
      }
      const bond = await findTradingBond(deps.pg, order.bond_code);
      const participant = await tradingParticipant(deps.pg, order.participant_id, bond.lotSize);
      const quantity = body.quantity ?? order.quantity;
      const price = body.price ?? order.price ?? undefined;
      const stopPrice = body.stop_price ?? order.stop_price ?? undefined;
      const instrument = preTradeInstrument(bond);
      const check = checkPreTrade(
        {
          type: codeOf(ORDER_TYPE_NAMES, order.order_type as OrderTypeName) as never,
          tif: codeOf(TIME_IN_FORCE_NAMES, order.time_in_force as TimeInForceName) as never,
          quantity: new Decimal(quantity).toFixed(),
          price: price === undefined ? undefined : new Decimal(price).toFixed(),
          stopPrice: stopPrice === undefined ? undefined : new Decimal(stopPrice).toFixed(),
          displayQuantity:
            order.display_quantity === null ? undefined : new Decimal(order.display_quantity).toFixed(),
          now: Date.now(),
          expireAt: order.expire_time?.getTime(),
        },
        instrument,
        participant,
      );
      if (!check.ok) {
        openPriceBandException(deps, {
          participantId: order.participant_id,
          bondId: bond.id,
          bondCode: bond.code,
          action: 'MODIFY',
          price: price ?? null,
          stopPrice: stopPrice ?? null,
          referencePriceTicks: instrument.referencePriceTicks,
          rejections: check.rejections,
        });
        throw preTradeProblem(check.rejections);
      }
      await submitCommands(deps, [
        {
          bondId: bond.id,
          kind: 'MODIFY',
          orderId: order.id,
          participantId: order.participant_id,
          payload: {
            id: Number(order.engine_id),
            qty: check.units.lots,
            price: check.units.priceTicks,
            stopPrice: check.units.stopPriceTicks,
          },
        },
      ]);
      return { status: 202, body: orderJson(order) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/trading/orders/{order_id}',
    summary: 'Cancel an order (202; confirmed by an order_update)',
    tag: TRADING_TAG,
    access: [...ORDER_ROLES, ...CANCELLING_STAFF],
    request: { params: orderIdParams },
    responses: {
      202: { description: 'The cancel is committed and will be applied in order', schema: orderSchema },
      404: { description: "Not found (or another participant's)" },
      409: { description: 'The order is already filled, cancelled, expired or rejected' },
    },
    async handler({ params, principal, deps }) {
      const order = await findVisibleOrder(deps.pg, principal, params.order_id);
      if (
        order.participant_id !== principal.participantId &&
        !principal.roles.some((r) => CANCELLING_STAFF.includes(r))
      ) {
        throw problems.notFound('Order');
      }
      if (!OPEN_ORDER_STATUSES.includes(order.status as never)) {
        throw problems.conflict(
          'order-not-open',
          `The order is ${order.status} and can no longer be cancelled.`,
        );
      }
      await submitCommands(deps, [
        {
          bondId: order.bond_pk,
          kind: 'CANCEL',
          orderId: order.id,
          participantId: order.participant_id,
          payload: { orderId: Number(order.engine_id) },
        },
      ]);
      return { status: 202, body: orderJson(order) };
    },
  }),
];
