import {
  evaluateRegulatoryChecks,
  refuseRegulatoryChecks,
  settleOverrides,
  type RegulatoryGateResult,
} from '../compliance/regulatory-gate';
import { openFpiLimitException, openPriceBandException } from '../compliance/refusal-exceptions';
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import {
  checkPreTrade,
  codeOf,
  ORDER_TYPE_NAMES,
  SIDE_NAMES,
  STP_MODE_NAMES,
  TIME_IN_FORCE_NAMES,
  type NewOrderPayload,
  type PreTradeReason,
  type PreTradeRejection,
} from '../../../domain/trading';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { Problem, problems } from '../../http/problem';
import { ORDER_SELECT, type OrderRow } from './order-rows';
import { sendToMatching } from './trading-commands';
import { preTradeInstrument, type TradingBond } from './trading-context';
import type { OrderBody } from './trading-fields';

const STATE_REASONS: readonly PreTradeReason[] = [
  'TRADING_HALTED',
  'MARKET_CLOSED',
  'KILL_SWITCH_ACTIVE',
  'PARTICIPANT_INACTIVE',
  'BOND_NOT_TRADABLE',
];

/** A refused order: problem+json naming every field at fault, with the first reason code as `reason`. */
export function preTradeProblem(rejections: PreTradeRejection[]): Problem {
  // The venue's or participant's state is a conflict (409); a malformed order is 422.
  const status = rejections.every((r) => STATE_REASONS.includes(r.reason)) ? 409 : 422;
  return new Problem(
    status,
    `/errors/pre-trade/${rejections[0]!.reason.toLowerCase().replace(/_/g, '-')}`,
    'Order rejected by pre-trade checks',
    rejections.map((r) => `${r.field}: ${r.message}`).join('; '),
    rejections.map((r) => ({ field: r.field, message: r.message })),
    {},
    { reason: rejections[0]!.reason, reasons: rejections.map((r) => r.reason) },
  );
}

const same = (a: string | null, b: string | undefined) =>
  (a === null && b === undefined) || (a !== null && b !== undefined && new Decimal(a).eq(b));

/** Whether a retried submission is the same order as the stored one (CONVENTIONS: idempotency). */
function sameOrder(o: OrderRow, bond: TradingBond, body: OrderBody): boolean {
  return (
    o.bond_pk === bond.id &&
    o.side === body.side &&
    o.order_type === body.order_type &&
    o.time_in_force === body.time_in_force &&
    new Decimal(o.quantity).eq(body.quantity) &&
    same(o.price, body.price) &&
    same(o.stop_price, body.stop_price) &&
    same(o.display_quantity, body.display_quantity) &&
    o.post_only === body.post_only &&
    (o.expire_time?.getTime() ?? null) === (body.expire_time ? Date.parse(body.expire_time) : null)
  );
}

async function existing(deps: AppDeps, participantId: number, clientOrderId: string) {
  const r = await deps.pg.query<OrderRow>(
    `${ORDER_SELECT} where o.participant_id = $1 and o.client_order_id = $2`,
    [participantId, clientOrderId],
  );
  return r.rows[0];
}

function replay(o: OrderRow, bond: TradingBond, body: OrderBody): { status: number; order: OrderRow } {
  if (!sameOrder(o, bond, body)) {
    throw problems.conflict(
      'client-order-id-reused',
      `client_order_id ${body.client_order_id} was used for a different order (${o.id}).`,
    );
  }
  return { status: 200, order: o };
}

/**
 * Pre-trade checks, then the order and its NEW command in one statement: once this returns the
 * order is committed and the matching worker will apply it exactly once.
 */
export async function submitOrder(
  deps: AppDeps,
  principal: Principal,
  body: OrderBody,
): Promise<{ status: number; order: OrderRow }> {
  const participantId = body.participant_id ?? principal.participantId;
  if (participantId !== principal.participantId)
    throw problems.forbidden('participant_id must be your own participant.');
  const now = new Date();
  const { bond, participant, regulatory, existingOrderId } = await deps.orderContexts.load(
    body.bond_id,
    participantId,
    body.client_order_id ?? null,
  );
  if (existingOrderId !== null)
    return replay((await existing(deps, participantId, body.client_order_id!))!, bond, body);
  const type = codeOf(ORDER_TYPE_NAMES, body.order_type) as NewOrderPayload['type'];
  const tif = codeOf(TIME_IN_FORCE_NAMES, body.time_in_force) as NewOrderPayload['tif'];
  const expireAt = body.expire_time ? Date.parse(body.expire_time) : undefined;
  const instrument = preTradeInstrument(bond);
  const check = checkPreTrade(
    {
      type,
      tif,
      quantity: body.quantity,
      price: body.price,
      stopPrice: body.stop_price,
      displayQuantity: body.display_quantity,
      expireAt,
      now: now.getTime(),
    },
    instrument,
    participant,
  );
  if (!check.ok) {
    deps.metrics.orders.inc({ outcome: 'rejected' });
    openPriceBandException(deps, {
      participantId,
      bondId: bond.id,
      bondCode: bond.code,
      action: 'NEW',
      price: body.price ?? null,
      stopPrice: body.stop_price ?? null,
      referencePriceTicks: instrument.referencePriceTicks,
      rejections: check.rejections,
    });
    throw preTradeProblem(check.rejections);
  }
  // A passed check is recorded with the order, in its statement; a refusal on its own.
  const gateInput = {
    subjectType: 'ORDER',
    participantId,
    bondId: bond.id,
    side: body.side,
    faceValue: body.quantity,
    field: 'quantity',
    userId: principal.userId,
  } as const;
  const onRefused = (refused: RegulatoryGateResult) => openFpiLimitException(deps, gateInput, refused);
  const regulatoryResult = await evaluateRegulatoryChecks(deps.pg, regulatory, gateInput);
  if (regulatoryResult.failed.length)
    await refuseRegulatoryChecks(deps.pg, gateInput, regulatoryResult, onRefused);
  // Overrides are used up before the insert: an order lost after this (a crash) leaves them spent, never over-used.
  await settleOverrides(deps.pg, gateInput, regulatoryResult, onRefused);
  const stp = body.stp_mode ?? participant.stpMode;
  const payload: NewOrderPayload = {
    participant: participantId,
    side: codeOf(SIDE_NAMES, body.side) as NewOrderPayload['side'],
    type,
    price: check.units.priceTicks,
    qty: check.units.lots,
    stopPrice: check.units.stopPriceTicks,
    displayQty: check.units.displayLots,
    tif,
    expireAt: expireAt ?? 0,
    postOnly: body.post_only,
    stp: codeOf(STP_MODE_NAMES, stp) as NewOrderPayload['stp'],
    clientOrderId: body.client_order_id ?? null,
  };
  const row = await deps.orderInserts.insert({
    id: randomUUID(),
    participantId,
    userId: principal.userId,
    bondId: bond.id,
    bondCode: bond.code,
    isin: bond.isin,
    clientOrderId: body.client_order_id ?? null,
    side: body.side,
    orderType: body.order_type,
    timeInForce: body.time_in_force,
    price: body.price ?? null,
    stopPrice: body.stop_price ?? null,
    quantity: body.quantity,
    displayQuantity: body.display_quantity ?? null,
    postOnly: body.post_only,
    stpMode: stp,
    expireTime: expireAt === undefined ? null : new Date(expireAt),
    at: now,
    payload: payload as unknown as Record<string, unknown>,
    regulatory: regulatoryResult.record,
  });
  // Sent under the same client_order_id by a concurrent request: that one is the order.
  if (!row) return replay((await existing(deps, participantId, body.client_order_id!))!, bond, body);
  // Not awaited: the order is committed, so the answer need not wait for Redis; entries on one
  // connection still reach the stream in call order, and a lost one is re-driven from PostgreSQL.
  void sendToMatching(deps, [{ id: row.engine_id, bondId: bond.id }]);
  deps.metrics.orders.inc({ outcome: 'accepted' });
  return { status: 201, order: row };
}
