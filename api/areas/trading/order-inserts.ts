import type { Pool } from 'pg';
import {
  REGULATORY_RECORD_COLUMNS,
  regulatoryRecordValues,
  type RegulatoryRecord,
} from '../compliance/regulatory-gate';
import { StatementBatcher } from '../../../platform/statement-batcher';
import type { OrderRow } from './order-rows';

/** One new order and its NEW command payload, validated and ready to commit. */
export interface NewOrderInsert {
  id: string;
  participantId: number;
  userId: number;
  bondId: number;
  bondCode: string;
  isin: string;
  clientOrderId: string | null;
  side: string;
  orderType: string;
  timeInForce: string;
  price: string | null;
  stopPrice: string | null;
  quantity: string;
  displayQuantity: string | null;
  postOnly: boolean;
  stpMode: string;
  expireTime: Date | null;
  at: Date;
  payload: Record<string, unknown>;
  /** The passed regulatory check, kept with the order. */
  regulatory: RegulatoryRecord;
}

/**
 * Commits new orders with their NEW commands in shared statements (the order path's group commit):
 * under load N orders cost one round trip and one WAL flush instead of N.
 */
export class OrderInserts {
  private readonly batcher: StatementBatcher<NewOrderInsert, OrderRow | null>;

  constructor(pg: Pool) {
    this.batcher = new StatementBatcher(async (orders) => {
      const byId = new Map((await insertOrders(pg, orders)).map((r) => [r.id, r]));
      return orders.map((o) => byId.get(o.id) ?? null);
    });
  }

  /** The committed order, or null when the participant already used its client_order_id. */
  insert(order: NewOrderInsert): Promise<OrderRow | null> {
    return this.batcher.submit(order);
  }
}

/**
 * The orders, their NEW commands and their regulatory check records in one statement. The engine
 * id is drawn from the command sequence first, so an order whose client_order_id is taken (skipped
 * by ON CONFLICT) gets no command; its check is recorded all the same, as a check that ran.
 */
/** The orders' regulatory records column by column, as unnest takes them. */
function regulatoryColumns(orders: NewOrderInsert[]): unknown[][] {
  const rows = orders.map((o) => regulatoryRecordValues(o.regulatory));
  return rows[0]!.map((_, i) => rows.map((r) => r[i]));
}

async function insertOrders(pg: Pool, orders: NewOrderInsert[]): Promise<OrderRow[]> {
  const col = <T>(f: (o: NewOrderInsert) => T) => orders.map(f);
  const r = await pg.query<OrderRow>({
    // Named: each connection parses and plans it once, not once per batch.
    name: 'insert-orders',
    text: `with v as (
       select * from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::boolean[],
                            $14::text[], $15::timestamptz[], $16::timestamptz[], $17::jsonb[], $18::text[], $19::text[])
         with ordinality as v(id, participant_id, user_id, bond_id, client_order_id, side, order_type, time_in_force,
                              price, stop_price, quantity, display_quantity, post_only, stp_mode, expire_time, at,
                              payload, bond_code, isin, n)
     ), o as (
       insert into orders (id, engine_id, participant_id, user_id, bond_id, client_order_id, side, order_type,
                           time_in_force, price, stop_price, quantity, display_quantity, post_only, stp_mode,
                           expire_time, created_at, updated_at)
       select v.id, nextval('order_commands_id_seq'), v.participant_id, v.user_id, v.bond_id, v.client_order_id,
              v.side::order_side, v.order_type::order_type, v.time_in_force::time_in_force, v.price, v.stop_price,
              v.quantity, v.display_quantity, v.post_only, v.stp_mode::stp_mode, v.expire_time, v.at, v.at
         from v order by v.n
       on conflict on constraint orders_participant_client_order_id_unique do nothing
       returning *
     ), c as (
       insert into order_commands (id, bond_id, kind, order_id, participant_id, payload, received_at)
       select o.engine_id, o.bond_id, 'NEW', o.id, o.participant_id, v.payload, v.at from o join v on v.id = o.id
     ), r as (
       insert into regulatory_check_records (${REGULATORY_RECORD_COLUMNS})
       select * from unnest($20::text[], $21::int[], $22::int[], $23::text[], $24::numeric[], $25::boolean[],
                            $26::text[], $27::boolean[], $28::text[], $29::boolean[], $30::jsonb[])
     )
     select o.id, o.engine_id::text, o.participant_id, o.user_id, o.bond_id as bond_pk, v.bond_code, v.isin,
            o.client_order_id, o.side::text, o.order_type::text, o.time_in_force::text, o.price::text,
            o.stop_price::text, o.quantity::text, o.display_quantity::text, o.post_only, o.stp_mode::text,
            o.expire_time, o.filled_quantity::text, o.status::text, o.reject_reason, o.created_at, o.updated_at
       from o join v on v.id = o.id order by o.engine_id`,
    values: [
      col((o) => o.id),
      col((o) => o.participantId),
      col((o) => o.userId),
      col((o) => o.bondId),
      col((o) => o.clientOrderId),
      col((o) => o.side),
      col((o) => o.orderType),
      col((o) => o.timeInForce),
      col((o) => o.price),
      col((o) => o.stopPrice),
      col((o) => o.quantity),
      col((o) => o.displayQuantity),
      col((o) => o.postOnly),
      col((o) => o.stpMode),
      col((o) => o.expireTime),
      col((o) => o.at),
      col((o) => JSON.stringify(o.payload)),
      col((o) => o.bondCode),
      col((o) => o.isin),
      ...regulatoryColumns(orders),
    ],
  });
  return r.rows;
}
