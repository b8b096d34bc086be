import type { Pool } from 'pg';
import Decimal from 'decimal.js';
import { fixedDecimal } from '../../http/decimal-json';

/** The select list every order read uses, joined with its bond for the code and ISIN. */
export const ORDER_SELECT = `select o.id, o.engine_id::text, o.participant_id, o.user_id, o.bond_id as bond_pk,
  b.code as bond_code, b.isin, o.client_order_id, o.side::text, o.order_type::text, o.time_in_force::text,
  o.price::text, o.stop_price::text, o.quantity::text, o.display_quantity::text, o.post_only, o.stp_mode::text,
  o.expire_time, o.filled_quantity::text, o.status::text, o.reject_reason, o.created_at, o.updated_at
  from orders o join bonds b on b.id = o.bond_id`;

export interface OrderRow {
  id: string;
  engine_id: string;
  participant_id: number;
  user_id: number;
  bond_pk: number;
  bond_code: string;
  isin: string;
  client_order_id: string | null;
  side: string;
  order_type: string;
  time_in_force: string;
  price: string | null;
  stop_price: string | null;
  quantity: string;
  display_quantity: string | null;
  post_only: boolean;
  stp_mode: string;
  expire_time: Date | null;
  filled_quantity: string;
  status: string;
  reject_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export function orderJson(o: OrderRow) {
  return {
    order_id: o.id,
    client_order_id: o.client_order_id,
    participant_id: o.participant_id,
    user_id: o.user_id,
    bond_id: o.bond_code,
    isin: o.isin,
    side: o.side,
    order_type: o.order_type,
    time_in_force: o.time_in_force,
    price: fixedDecimal(o.price, 4),
    stop_price: fixedDecimal(o.stop_price, 4),
    quantity: fixedDecimal(o.quantity, 2),
    display_quantity: fixedDecimal(o.display_quantity, 2),
    post_only: o.post_only,
    stp_mode: o.stp_mode,
    expire_time: o.expire_time?.toISOString() ?? null,
    filled_quantity: fixedDecimal(o.filled_quantity, 2),
    remaining_quantity: new Decimal(o.quantity).minus(o.filled_quantity).toFixed(2),
    status: o.status,
    reject_reason: o.reject_reason,
    created_at: o.created_at.toISOString(),
    updated_at: o.updated_at.toISOString(),
  };
}

export async function orderById(pg: Pool, id: string): Promise<OrderRow | undefined> {
  return (await pg.query<OrderRow>(`${ORDER_SELECT} where o.id = $1`, [id])).rows[0];
}
