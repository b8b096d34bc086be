import type { Pool } from 'pg';
import type { Principal } from '../../auth/principal';
import { problems } from '../../http/problem';
import { orderById, type OrderRow } from './order-rows';

/** An order the caller may see: members only their participant's (else 404), venue staff any. */
export async function findVisibleOrder(pg: Pool, principal: Principal, orderId: string): Promise<OrderRow> {
  const order = await orderById(pg, orderId);
  if (!order || (!principal.isVenueStaff && order.participant_id !== principal.participantId)) {
    throw problems.notFound('Order');
  }
  return order;
}

/** Polls until the matching worker has applied the commands; false when `timeoutMs` passes first. */
export async function awaitApplied(pg: Pool, commandIds: string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await pg.query(
      'select count(*)::int as n from order_commands where id = any($1::bigint[]) and applied_seq is null',
      [commandIds],
    );
    if (r.rows[0].n === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
